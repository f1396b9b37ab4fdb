import struct

import pytest

from accesdirect.referentials.importers.wkb import wkb_center


def test_a_point_gives_its_coordinates():
    assert wkb_center("0101000000B9FDFF1F27AE1340D00B00206A134740") == pytest.approx((4.92, 46.15), abs=0.01)


def test_an_ewkb_point_with_srid_gives_its_coordinates():
    hex_wkb = (struct.pack("<BII", 1, 0x20000001, 4326) + struct.pack("<dd", -0.37, 43.29)).hex()
    assert wkb_center(hex_wkb) == pytest.approx((-0.37, 43.29))


def test_a_multipolygon_gives_the_centre_of_its_bounding_box():
    ring = [(0.0, 0.0), (2.0, 0.0), (2.0, 4.0), (0.0, 0.0)]
    polygon = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    polygon += b"".join(struct.pack("<dd", x, y) for x, y in ring)
    far = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", 1) + struct.pack("<dd", 10.0, 4.0)
    multipolygon = struct.pack("<BII", 1, 6, 2) + polygon + far
    assert wkb_center(multipolygon.hex()) == pytest.approx((5.0, 2.0))


def test_a_missing_geometry_gives_nothing():
    assert wkb_center("\\N") is None
    assert wkb_center("") is None
