from taketwo.domain.progress import comfort_trend, suggest_comfortable
from taketwo.domain.take import Take, TakeState


def take(n, comfort, duration=60.0, state=TakeState.FINAL):
    return Take(
        question_id=1,
        number=n,
        file_name=f"t{n}.mp4",
        state=state,
        comfort=comfort,
        duration=duration,
    )


def test_three_good_takes_within_target_suggest_comfortable():
    takes = [take(1, 2), take(2, 4), take(3, 5), take(4, 4)]
    assert suggest_comfortable(takes, 90)


def test_one_weak_or_long_take_in_the_last_three_does_not():
    assert not suggest_comfortable([take(1, 4), take(2, 3), take(3, 5)], 90)
    assert not suggest_comfortable([take(1, 4), take(2, 4), take(3, 5, duration=120)], 90)
    assert not suggest_comfortable([take(1, 4), take(2, None), take(3, 5)], 90)
    assert not suggest_comfortable([take(1, 5), take(2, 5)], 90)


def test_trashed_takes_do_not_count():
    takes = [take(1, 5), take(2, 5), take(3, 1, state=TakeState.TRASHED), take(4, 5)]
    assert suggest_comfortable(takes, None)


def test_trend_shows_the_latest_ratings_as_bars():
    assert comfort_trend([1, None, 3, 5]) == "▁▃▇"
    assert comfort_trend([]) == ""
