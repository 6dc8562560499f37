#!/usr/bin/env python3
"""Writes realworld.ssim: an SSIM Chapter 7 file shaped like the files real toolchains
produce (written for flightnet's tests; no record is copied from any other file).

What it carries, on purpose:
* two carrier blocks (XX in local time for summer 2024, YY in UTC time mode for winter
  2024/25), neither airline in routes/airlines.csv, no station in routes/airports.csv;
* aircraft configurations with VV version references (Y118VV118, W18Y112VV112,
  J14W34Y316VV364, C24Y250VV789), a count with leading zeros (Y0064VV064), a configuration
  without counts (FY) whose seats come from the PRBD (F008Y150);
* blank date variations everywhere, with overnight legs whose arrival is the next day;
* a cargo leg (service type F, W18Y112VVCGO) and a positioning flight (service type P);
* a lower-case record, trailing spaces on some records, one record without a serial number
  and cut short, CRLF line ends, zero filler records;
* serial numbers as real files get them: the second carrier record repeats the first
  trailer's number, and the first trailer's check reference points at another record.
"""

import sys

def rec(kind, fields):
    b = [' '] * 200
    b[0] = kind
    for first, value in fields:
        for i, c in enumerate(value):
            b[first - 1 + i] = c
    return ''.join(b)

def leg(airline, flight, service, frm, to, days, dep, std, dvar, arr, sta, avar, ac, prbd, acv,
        onward=None, suffix=' '):
    f = [(2, suffix), (3, airline.ljust(3)), (6, str(flight).rjust(4)), (10, '01'), (12, '01'),
         (14, service), (15, frm), (22, to), (29, days), (37, dep), (40, std), (44, std),
         (48, dvar), (55, arr), (58, sta), (62, sta), (66, avar), (73, ac), (76, prbd),
         (173, acv)]
    if onward:
        f += [(138, onward[0].ljust(3)), (141, str(onward[1]).rjust(4))]
    return rec('3', f)

S24 = ('31MAR24', '26OCT24')
W24 = ('27OCT24', '29MAR25')
records = []
records.append(rec('1', [(2, 'AIRLINE STANDARD SCHEDULE DATA SET'), (41, '2')]))
records.append(rec('2', [(2, 'L'), (3, 'XX '), (11, 'S24'), (15, '09JUN24'), (22, '09JUN24'),
                          (29, '11JAN24'), (36, 'XX SUMMER SCHEDULE'), (72, 'P'), (191, '0914')]))
records += [
    leg('XX', 102, 'J', *S24, '1 3 5 7', 'RUN', '0800', '+0400', 'MRU', '0840', '+0400', '735', 'Y', 'Y118VV118', ('XX', 103)),
    leg('XX', 103, 'J', *S24, '1 3 5 7', 'MRU', '1000', '+0400', 'RUN', '1140', '+0400', '735', 'Y', 'Y118VV118'),
    leg('XX', 41, 'J', *S24, '   4   ', 'RUN', '2130', '+0400', 'DZA', '2240', '+0300', '733', 'WY', 'W18Y112VV112', ('XX', 42)),
    leg('XX', 42, 'J', *S24, '   4   ', 'DZA', '2330', '+0300', 'RUN', '0230', '+0400', '733', 'WY', 'W18Y112VV112'),
    leg('XX', 45, 'F', *S24, '  3    ', 'RUN', '0300', '+0400', 'DZA', '0410', '+0300', '733', '', 'W18Y112VVCGO'),
    leg('XX', 772, 'J', *S24, ' 2  5 7', 'RUN', '2200', '+0400', 'CDG', '0640', '+0200', '772', 'JWY', 'J14W34Y316VV364'),
    leg('XX', 773, 'J', *S24, '1  4 6 ', 'CDG', '1600', '+0200', 'RUN', '0530', '+0400', '772', 'JWY', 'J14W34Y316VV364'),
    leg('xx', 201, 'J', *S24, '  3   7', 'run', '1010', '+0400', 'tnr', '1040', '+0300', '735', 'y', 'y0064vv064'),
    leg('XX', 202, 'J', *S24, '  3   7', 'TNR', '1200', '+0300', 'RUN', '1430', '+0400', '320', 'F008Y150', 'FY'),
    leg('XX', 3777, 'P', '22MAY24', '22MAY24', '  3    ', 'SEA', '0900', '-0700', 'RUN', '1540', '+0400', '772', 'JWY', 'J14W34Y316VV364'),
]
trailer1 = rec('5', [(3, 'XX '), (188, '000009'), (194, 'E')])
records.append(trailer1)
records.append(rec('2', [(2, 'U'), (3, 'YY '), (11, 'W24'), (15, W24[0]), (22, W24[1]),
                          (29, '02SEP24'), (36, 'YY WINTER UTC'), (72, 'P')]))
records += [
    leg('YY', 500, 'J', *W24, '1   5  ', 'MRS', '0900', '+0100', 'RUN', '1930', '+0400', '789', 'CY', 'C24Y250VV789'),
    leg('YY', 501, 'J', *W24, ' 2   6 ', 'RUN', '2130', '+0400', 'MRS', '0700', '+0100', '789', 'CY', 'C24Y250VV789'),
]
records.append(rec('5', [(3, 'YY '), (194, 'E')]))

# Serial numbers: each record one more than the previous, except that the second carrier
# record repeats the first trailer's number (as some exporters write it).
lines = []
serial = 0
for r in records:
    if r[0] == '2' and serial > 2:
        n = serial  # repeats the trailer's
    else:
        serial += 1
        n = serial
    line = r[:194] + '%06d' % n
    if r[0] == '5' and r[2:5] == 'YY ':
        line = line[:187] + '%06d' % (serial - 1) + line[193:]
    lines.append(line)

zero = '0' * 200
# Trailing spaces on two leg records; one leg record without a serial number and cut after
# its last field (as a trailing-blank-trimming editor leaves it).
lines[2] += '   '
lines[3] += ' '
lines[4] = lines[4][:194].rstrip()
out = [lines[0]] + [zero] * 4 + lines[1:] + [zero] * 3
sys.stdout.buffer.write(('\r\n'.join(out) + '\r\n').encode('ascii'))
