"""Quiet hours for non-urgent SMS: Monday to Saturday, 08:00-20:00 Europe/Paris, never on a
French public holiday. A message queued outside the window waits for the next one."""

import datetime

from accesdirect.core.calendar import PARIS, is_sending_day

OPENS = datetime.time(8, 0)
CLOSES = datetime.time(20, 0)


def next_send_time(moment: datetime.datetime) -> datetime.datetime:
    """`moment` itself if it is inside the window, else the opening of the next window."""
    local = moment.astimezone(PARIS)
    if is_sending_day(local.date()) and OPENS <= local.time() < CLOSES:
        return moment
    day = local.date() if local.time() < OPENS else local.date() + datetime.timedelta(days=1)
    while not is_sending_day(day):
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, OPENS, tzinfo=PARIS).astimezone(datetime.UTC)
