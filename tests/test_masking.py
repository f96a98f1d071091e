from scrub.findings import MASK, mask_value


def test_phone_keeps_prefix_and_last_four():
    assert mask_value("33 7294 3648") == f"33 {MASK * 4} 3648"


def test_words_keep_only_initials():
    assert mask_value("Martha Salcedo") == f"M{MASK * 5} S{MASK * 6}"


def test_short_values_are_fully_hidden():
    assert mask_value("45598") == MASK * 5
    assert "4" not in mask_value("45598")


def test_curp_reveals_nothing_but_its_first_letter():
    masked = mask_value("PEGA990312MJCRMN06")
    assert masked[0] == "P" and set(masked[1:]) == {MASK}
