"""Small tables in the published shape of the DfE's children's social work workforce file
(Explore Education Statistics): a byte-order mark, the geography columns, one column per indicator."""

HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "new_la_code,old_la_code,la_name,turnover_rate_fte,agency_rate_fte,caseload_fte"
)
LA = "2025,Reporting year,Local authority,E92000001,England,E12000007,London,"
ROWS = [
    "2025,Reporting year,National,E92000001,England,,,,,,16.8,17.6,15.4",
    "2025,Reporting year,Regional,E92000001,England,E12000007,London,,,,18.2,20.1,15.0",
    "2025,Reporting year,Regional,E92000001,England,E12000008,South East,,,,15.1,14.0,16.2",
    "2025,Reporting year,Local authority,E92000001,England,E12000007,London,E09000033,213,Westminster,21.5,c,14.2",
    LA + "E09000020,207,Kensington and Chelsea,15.0,12,16.0",
    "2025,Reporting year,Local authority,E92000001,England,E12000007,London,E09000007,202,Camden,14.0,10,15.5",
    LA + "E09000013,205,Hammersmith and Fulham,20.0,low,13.1",
    "2025,Reporting year,Local authority,E92000001,England,E12000007,London,E09000019,206,Islington,low,x,14.8",
    "2024,Reporting year,National,E92000001,England,,,,,,17.1,17.9,15.9",
    "2024,Reporting year,Regional,E92000001,England,E12000007,London,,,,19.0,21.0,15.2",
    "2024,Reporting year,Local authority,E92000001,England,E12000007,London,E09000033,213,Westminster,24.0,18.0,15.0",
]


def table(rows=None, header=HEADER) -> bytes:
    return ("\ufeff" + "\n".join([header, *(ROWS if rows is None else rows)]) + "\n").encode()
