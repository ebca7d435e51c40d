package mapping

import (
	"time"

	"github.com/duijie/duijie"
)

// Window is the half-open span [From, To) of one sync step.
type Window struct {
	From, To time.Time
}

// Duration returns the window's length.
func (w Window) Duration() time.Duration { return w.To.Sub(w.From) }

// vendor names this package in ValidationErrors.
const vendor = "mapping"

// invalid is shorthand for a ValidationError of this package.
func invalid(field, rule, detail string) error {
	return duijie.Invalid(vendor, field, rule, detail)
}
