from taketwo.cli import main

raise SystemExit(main())
