"""Quiet hours for non-urgent SMS: Monday to Saturday, 08:00-20:00 local time, never on a
public holiday, both read in the recipient's territory (core.calendar.Territory: 08:00 in Paris
is 03:00 in Guadeloupe). A message queued outside the window waits for the next one."""

import datetime

from accesdirect.core.calendar import Territory, is_sending_day

OPENS = datetime.time(8, 0)
CLOSES = datetime.time(20, 0)


def next_send_time(moment: datetime.datetime, *, territory: Territory) -> datetime.datetime:
    """`moment` itself if it is inside the territory's window, else the opening of the next one."""
    local = moment.astimezone(territory.zone)
    if is_sending_day(local.date(), territory=territory) and OPENS <= local.time() < CLOSES:
        return moment
    day = local.date() if local.time() < OPENS else local.date() + datetime.timedelta(days=1)
    while not is_sending_day(day, territory=territory):
        day += datetime.timedelta(days=1)
    return territory.at(day, OPENS).astimezone(datetime.UTC)
