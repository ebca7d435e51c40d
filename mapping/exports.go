package mapping

import (
	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/paging"
	"github.com/duijie/duijie/internal/value"
)

type (
	// Amount is an exact decimal for money and quantities.
	Amount = value.Amount
	// Time is an instant in China Standard Time.
	Time = value.Time
	// ValidationError is input or options refused before any conversion.
	ValidationError = apierr.ValidationError
	// Window is the half-open span [From, To) of one sync step.
	Window = paging.Window
)

// vendor names this package in ValidationErrors.
const vendor = "mapping"

// invalid is shorthand for a ValidationError of this package.
func invalid(field, rule, detail string) error {
	return apierr.Invalid(vendor, field, rule, detail)
}
