from improvement.extraction.public_text import name_pattern, public_text


def test_names_emails_and_personal_data_are_taken_out_of_public_text():
    names = name_pattern(["Jane  Smith", "Al", ""])  # too short a name is left alone
    text = "JANE SMITH to send the audit to jane.smith@council.gov.uk; child born 03/04/2015, SW1A 1AA"
    assert public_text(text, names) == (
        "[name removed] to send the audit to [email address removed]; child born [redacted date of birth], "
        "[redacted postcode]"
    )
    assert public_text("Albert Hall audit", names) == "Albert Hall audit"
    assert public_text("Nothing personal", None) == "Nothing personal"
