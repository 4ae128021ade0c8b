package picture

import (
	"bytes"
	"encoding/binary"
	"io"
)

// jpegOrientation reads the EXIF orientation of a JPEG (1 to 8; 1 is
// upright) from the start of the file. A phone stores a photo as its
// camera saw it and says in EXIF how to turn it; browsers turn it, Go's
// decoder does not. 0 means the file says nothing.
func jpegOrientation(r io.Reader) int {
	var seg [4]byte
	if _, err := io.ReadFull(r, seg[:2]); err != nil || seg[0] != 0xFF || seg[1] != 0xD8 {
		return 0
	}
	for {
		if _, err := io.ReadFull(r, seg[:]); err != nil || seg[0] != 0xFF {
			return 0
		}
		marker, n := seg[1], int(binary.BigEndian.Uint16(seg[2:]))-2
		if marker == 0xDA || n < 0 { // the pixels start: no EXIF before them
			return 0
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return 0
		}
		if marker == 0xE1 && bytes.HasPrefix(body, []byte("Exif\x00\x00")) {
			return tiffOrientation(body[6:])
		}
	}
}

// tiffOrientation finds tag 0x0112 in the first directory of EXIF's TIFF
// structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:]))
	if off < 8 || off+2 > len(t) {
		return 0
	}
	count := int(bo.Uint16(t[off:]))
	for i := range count {
		e := off + 2 + 12*i
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			if v := int(bo.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}
