#!/usr/bin/env bash
# Puts this checkout's Take Two where a desktop finds it, or takes it away again:
#   bash packaging/desktop-entry.sh install     ~/.local/bin/taketwo, the menu entry, the icons
#   bash packaging/desktop-entry.sh uninstall   removes exactly those (setup.sh --uninstall)
# Honours XDG_DATA_HOME (default ~/.local/share). Never touches the library.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
id=io.github.taketwo.TakeTwo
launcher="$root/.venv/bin/taketwo"
bin_dir="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/$id.desktop"
metainfo="$data/metainfo/$id.metainfo.xml"
icon_sizes=(16 24 32 48 64 128 256 512)

icon_files() {
  echo "$data/icons/hicolor/scalable/apps/$id.svg"
  for size in "${icon_sizes[@]}"; do echo "$data/icons/hicolor/${size}x${size}/apps/$id.png"; done
}

refresh_caches() {
  # Menus watch the applications folder themselves. An icon cache is only refreshed if one is
  # there already: a new one would hide icons that other programs add later without updating it.
  local cache="$data/icons/hicolor/icon-theme.cache"
  if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
  fi
}

link_is_ours() {  # a link some checkout's setup.sh made, so set-up may point it here instead
  [ -L "$bin_dir/taketwo" ] && [[ "$(readlink "$bin_dir/taketwo")" == */.venv/bin/taketwo ]]
}

install() {
  umask 077
  mkdir -p "$bin_dir" "$data/applications" "$data/metainfo"
  if { [ -e "$bin_dir/taketwo" ] || [ -L "$bin_dir/taketwo" ]; } && ! link_is_ours; then
    echo "Left $bin_dir/taketwo as it is (not a link set-up made); start Take Two as $launcher"
  else
    ln -sfn "$launcher" "$bin_dir/taketwo"
    case ":$PATH:" in
      *":$bin_dir:"*) echo "taketwo: linked in $bin_dir" ;;
      *) echo "taketwo: linked in $bin_dir, which is not on your PATH. Add it, e.g. in ~/.profile:"
         echo "  export PATH=\"\$HOME/.local/bin:\$PATH\"     (or start Take Two as $launcher)" ;;
    esac
  fi
  # The menu runs this checkout's launcher directly, quoted for paths with spaces; `%` is the
  # one character a quoted Exec path must double (the others we refuse are rarer still).
  case "$launcher" in
    *[\"\`\$\\]*) echo "Cannot name $launcher in a menu entry; skipped it" >&2; return 0 ;;
  esac
  { grep -v '^Exec=' "$root/packaging/linux/$id.desktop"
    printf 'Exec="%s"\n' "${launcher//%/%%}"; } >"$entry"
  cp "$root/packaging/linux/$id.metainfo.xml" "$metainfo"
  mkdir -p "$data/icons/hicolor/scalable/apps"
  cp "$root/resources/icons/taketwo.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
  for size in "${icon_sizes[@]}"; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$root/resources/icons/taketwo-$size.png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  refresh_caches
  echo "Take Two: added to the application menu ($entry)"
}

uninstall() {
  if [ -L "$bin_dir/taketwo" ] && [ "$(readlink "$bin_dir/taketwo")" = "$launcher" ]; then
    rm "$bin_dir/taketwo" && echo "removed $bin_dir/taketwo"
  fi
  if [ -f "$entry" ] && grep -qF "Exec=\"$launcher\"" "$entry"; then
    rm -f "$entry" "$metainfo"
    while read -r icon; do rm -f "$icon"; done < <(icon_files)
    refresh_caches
    echo "removed the menu entry and icons ($entry)"
  fi
}

case "${1:-}" in
  install) install ;;
  uninstall) uninstall ;;
  *) echo "usage: bash packaging/desktop-entry.sh install|uninstall" >&2; exit 2 ;;
esac
