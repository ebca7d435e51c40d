package duijie_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserFacingCodeAvoidsInternal keeps the runnable examples copyable:
// a user's module cannot import duijie/internal, so neither may the
// programs under store/examples/ nor any Example test.
func TestUserFacingCodeAvoidsInternal(t *testing.T) {
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		slash := filepath.ToSlash(path)
		userFacing := strings.HasPrefix(slash, "examples/") || strings.HasPrefix(slash, "store/examples/") || strings.HasSuffix(path, "example_test.go")
		if !userFacing {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), `"github.com/duijie/duijie/internal/`) {
			t.Errorf("%s imports duijie/internal; use the public packages", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
