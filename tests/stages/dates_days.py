"""Publication days the dates tests resolve against (sentences written for the tests)."""

# Wednesday of ISO week 2013-W15: "Tuesday" is 2013-04-09, "Sunday" 2013-04-07.
WED = "2013-04-10"
SUN = "2013-04-14"
WED_2008 = "2008-06-11"
# Wednesday 2007-03-14 (ISO week 2007-W11, Q1 under way): the ninth pass's sentences.
WED_2007 = "2007-03-14"
