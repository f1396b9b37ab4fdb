"""Just enough of (E)WKB to place a commune on a map, without GEOS: a Point's coordinates, or
the centre of the bounding box of a (Multi)Polygon."""

import struct

_POINT, _POLYGON, _MULTIPOLYGON = 1, 3, 6
_EWKB_Z, _EWKB_M, _EWKB_SRID = 0x80000000, 0x40000000, 0x20000000


def wkb_center(hex_wkb: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a Point, or of the centre of a polygon's bounding box."""
    if not hex_wkb or hex_wkb == "\\N":
        return None
    data = bytes.fromhex(hex_wkb)
    xs: list[float] = []
    ys: list[float] = []
    _read_geometry(data, 0, xs, ys)
    if not xs:
        return None
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _read_geometry(data: bytes, offset: int, xs: list[float], ys: list[float]) -> int:
    order = "<" if data[offset] == 1 else ">"
    (kind,) = struct.unpack_from(f"{order}I", data, offset + 1)
    offset += 5
    dimensions = 2 + bool(kind & _EWKB_Z) + bool(kind & _EWKB_M)
    if kind & _EWKB_SRID:
        offset += 4
    kind &= 0x0FFFFFFF
    # ISO WKB writes Z/M as thousands: 1001 is a Point Z, 3002 a LineString ZM.
    dimensions += {1: 1, 2: 1, 3: 2}.get(kind // 1000, 0)
    kind %= 1000
    if kind == _POINT:
        return _read_points(data, offset, 1, dimensions, order, xs, ys)
    if kind == _POLYGON:
        (rings,) = struct.unpack_from(f"{order}I", data, offset)
        offset += 4
        for _ in range(rings):
            (points,) = struct.unpack_from(f"{order}I", data, offset)
            offset = _read_points(data, offset + 4, points, dimensions, order, xs, ys)
        return offset
    if kind == _MULTIPOLYGON:
        (parts,) = struct.unpack_from(f"{order}I", data, offset)
        offset += 4
        for _ in range(parts):
            offset = _read_geometry(data, offset, xs, ys)
        return offset
    raise ValueError(f"unsupported WKB geometry type {kind}")


def _read_points(data, offset, count, dimensions, order, xs, ys) -> int:
    values = struct.unpack_from(f"{order}{count * dimensions}d", data, offset)
    xs.extend(values[0::dimensions])
    ys.extend(values[1::dimensions])
    return offset + 8 * count * dimensions
