"""Small files in the published shapes: Ofsted's outcomes ODS (header on row 3) and the daily scrape CSV."""

import csv
import io

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

LEADERS = "The impact of leaders on social work practice with children and families"
HELP = "The experiences and progress of children who need help and protection"
IN_CARE = "The experiences and progress of children in care"
CARE_LEAVERS = "The experiences and progress of care leavers"
IN_CARE_2018 = "The experiences and progress of children in care and care leavers"
BASE = ["Web link", "Local authority area code", "Local authority name", "Ofsted region"]
AREAS = [LEADERS, HELP, IN_CARE, CARE_LEAVERS]
RI = "Requires improvement to be good"
LINK = "https://reports.ofsted.gov.uk/provider/44/80001"

LATEST_HEADER = [*BASE, "Inspection date", "Publication date", "Overall effectiveness", *AREAS]
IN_YEAR_HEADER = [*BASE, "Inspection/Visit date", "Inspection/Visit type", "Visit Theme", "Publication date"]
HISTORY_HEADER = [
    *BASE,
    "Local authority status",
    "Inspection type",
    "Inspection date",
    "Publication date",
    "Overall effectiveness",
    LEADERS,
    HELP,
    IN_CARE_2018,
    IN_CARE,
    CARE_LEAVERS,
]


def sheets():
    """Northshire (in the tracker, no code yet) and Eastbridge (new); a 2019, a 2025 and a May 2026 inspection."""
    return {
        "Inspections_as_at_31_March": [
            list(LATEST_HEADER),
            [LINK, "E10000099", "Northshire", "North West", "03/03/2025", "09/05/2025", RI, RI, "Good", "Good", RI],
            [
                LINK,
                "E06000099",
                "Eastbridge",
                "London",
                "12/05/2026",
                "30/06/2026",
                "",
                "Good",
                "Good",
                "Outstanding",
                "Good",
            ],
        ],
        "In-year_inspections": [
            list(IN_YEAR_HEADER),
            [
                LINK,
                "E10000099",
                "Northshire",
                "North West",
                "14/10/2025",
                "ILACS Focused Visit",
                "Front door",
                "20/11/2025",
            ],
        ],
        "ILACS_inspection_history": [
            list(HISTORY_HEADER),
            [
                LINK,
                "E10000099",
                "Northshire",
                "North West",
                "County",
                "ILACS Standard Inspection",
                "03/03/2025",
                "09/05/2025",
                RI,
                RI,
                "Good",
                "",
                "Good",
                RI,
            ],
            [
                LINK,
                "E10000099",
                "Northshire",
                "North West",
                "County",
                "ILACS Standard Inspection",
                "11/06/2019",
                "26/07/2019",
                "Inadequate",
                "Inadequate",
                RI,
                RI,
                "",
                "",
            ],
            [
                LINK,
                "E06000099",
                "Eastbridge",
                "London",
                "Unitary",
                "ILACS Standard Inspection",
                "12/05/2026",
                "30/06/2026",
                "",
                "Good",
                "Good",
                "",
                "Outstanding",
                "Good",
            ],
        ],
    }


def ods(tables=None) -> bytes:
    """An ODS with a title in row 1, a blank row 2 and each sheet's header in row 3."""
    doc = OpenDocumentSpreadsheet()
    for name, rows in (tables or sheets()).items():
        table = Table(name=name)
        for values in [["Local authority inspection outcomes as at 31 March 2026"], [], *rows]:
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def sheet_csv(rows) -> bytes:
    """One sheet saved as CSV: the same two rows above the header."""
    out = io.StringIO()
    csv.writer(out).writerows([["Local authority inspection outcomes as at 31 March 2026"], [], *rows])
    return out.getvalue().encode("utf-8-sig")


SCRAPE_HEADER = [
    "urn",
    "local_authority",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspector_name",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
]


def scrape_csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([SCRAPE_HEADER, *rows])
    return out.getvalue().encode()
