package markdown_test

import (
	"testing"

	"deskbook/internal/sitetest"
)

// TestMain keeps the build cache of these tests in a folder of their own.
func TestMain(m *testing.M) { sitetest.Main(m) }
