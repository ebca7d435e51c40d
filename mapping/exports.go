package mapping

import (
	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

type (
	// Amount is an exact decimal for money and quantities.
	Amount = duijie.Amount
	// Time is an instant in China Standard Time.
	Time = duijie.Time
	// ValidationError is input or options refused before any conversion.
	ValidationError = duijie.ValidationError
	// Window is the half-open span [From, To) of one sync step.
	Window = paging.Window
)

// vendor names this package in ValidationErrors.
const vendor = "mapping"

// invalid is shorthand for a ValidationError of this package.
func invalid(field, rule, detail string) error {
	return duijie.Invalid(vendor, field, rule, detail)
}
