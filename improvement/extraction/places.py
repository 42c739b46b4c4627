"""The places of England's councils with children's services (153 in 2025, with the places of those merged since
2009 that minutes still name), as pages write them when they name the place alone: "children in Medway", "the
City of London's offer", "the Isle of Wight council". `find_authority` (meeting.py) counts such a mention of a
known place where a capitalised word alone could as well be a person, a firm or the start of a sentence.
"""

from __future__ import annotations

import re

LONDON = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London", "Croydon", "Ealing",
    "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon",
    "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham", "Merton",
    "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
)  # fmt: skip
METROPOLITAN = (
    "Barnsley", "Birmingham", "Bolton", "Bradford", "Bury", "Calderdale", "Coventry", "Doncaster", "Dudley",
    "Gateshead", "Kirklees", "Knowsley", "Leeds", "Liverpool", "Manchester", "Newcastle upon Tyne", "North Tyneside",
    "Oldham", "Rochdale", "Rotherham", "St Helens", "Salford", "Sandwell", "Sefton", "Sheffield", "Solihull",
    "South Tyneside", "Stockport", "Sunderland", "Tameside", "Trafford", "Wakefield", "Walsall", "Wigan", "Wirral",
    "Wolverhampton",
)  # fmt: skip
COUNTIES = (
    "Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex", "Gloucestershire", "Hampshire", "Hertfordshire",
    "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk", "Nottinghamshire", "Oxfordshire",
    "Staffordshire", "Suffolk", "Surrey", "Warwickshire", "West Sussex", "Worcestershire",
)  # fmt: skip
UNITARY = (
    "Bath and North East Somerset", "Bedford", "Blackburn with Darwen", "Blackpool",
    "Bournemouth, Christchurch and Poole", "Bracknell Forest", "Brighton and Hove", "Bristol", "Buckinghamshire",
    "Central Bedfordshire", "Cheshire East", "Cheshire West and Chester", "Cornwall", "Cumberland", "Darlington",
    "Derby", "Dorset", "Durham", "East Riding of Yorkshire", "Halton", "Hartlepool", "Herefordshire",
    "Isle of Wight", "Isles of Scilly", "Kingston upon Hull", "Hull", "Leicester", "Luton", "Medway", "Middlesbrough",
    "Milton Keynes", "North East Lincolnshire", "North Lincolnshire", "North Northamptonshire", "North Somerset",
    "North Yorkshire", "Northumberland", "Nottingham", "Peterborough", "Plymouth", "Portsmouth", "Reading",
    "Redcar and Cleveland", "Rutland", "Shropshire", "Slough", "Somerset", "South Gloucestershire", "Southampton",
    "Southend-on-Sea", "Stockton-on-Tees", "Stoke-on-Trent", "Swindon", "Telford and Wrekin", "Thurrock", "Torbay",
    "Warrington", "West Berkshire", "West Northamptonshire", "Westmorland and Furness", "Wiltshire",
    "Windsor and Maidenhead", "Wokingham", "York",
)  # fmt: skip
FORMER = ("Cumbria", "Northamptonshire", "Bournemouth", "Poole")  # merged since 2019, still named in older minutes

PLACES = frozenset((*LONDON, *METROPOLITAN, *COUNTIES, *UNITARY, *FORMER))

_LONGEST_FIRST = sorted(PLACES, key=len, reverse=True)
KNOWN_PLACE = re.compile(r"(?<![\w’'-])(?:" + "|".join(re.escape(p) for p in _LONGEST_FIRST) + r")(?![\w-])")
