package transport

import (
	"errors"

	"github.com/duijie/duijie/internal/apierr"
)

// errorKit builds and reads the public error types, which this package cannot
// name (it never imports the root package): the root package's APIError and
// TransportError have exactly the fields of apierr.APIErrorFields and
// apierr.TransportErrorFields, so New converts between them.
type errorKit struct {
	// api returns an *APIError with fields f.
	api func(f apierr.APIErrorFields) error
	// editAPI finds the *APIError in err's chain, lets edit change its
	// fields, and reports whether there was one.
	editAPI func(err error, edit func(*apierr.APIErrorFields)) bool
	// transport returns a *TransportError with fields f.
	transport func(f apierr.TransportErrorFields) error
}

func newErrorKit[A ~apierr.APIErrorFields, T ~apierr.TransportErrorFields, PA interface {
	*A
	error
}, PT interface {
	*T
	error
}]() errorKit {
	return errorKit{
		api: func(f apierr.APIErrorFields) error {
			a := A(f)
			return PA(&a)
		},
		editAPI: func(err error, edit func(*apierr.APIErrorFields)) bool {
			var p PA
			if !errors.As(err, &p) {
				return false
			}
			f := apierr.APIErrorFields(*p)
			edit(&f)
			*p = A(f)
			return true
		},
		transport: func(f apierr.TransportErrorFields) error {
			t := T(f)
			return PT(&t)
		},
	}
}
