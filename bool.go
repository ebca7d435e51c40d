package duijie

import "github.com/duijie/duijie/internal/jsonx"

// Bool is a flag that vendors send in many forms: true/false, 1/0, "true",
// "True", "1", "Y" and "N" (Honor), "" and null (both false). Any other
// value is an error, never a silent false. It encodes as a JSON boolean.
type Bool bool

// UnmarshalJSON accepts a JSON boolean, number or string in the forms above.
func (b *Bool) UnmarshalJSON(data []byte) error {
	v, err := jsonx.Bool(data)
	if err != nil {
		return err
	}
	*b = Bool(v)
	return nil
}

// MarshalJSON writes true or false.
func (b Bool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("true"), nil
	}
	return []byte("false"), nil
}
