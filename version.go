package duijie

import "github.com/duijie/duijie/internal/version"

// Version is the SDK version, sent in the User-Agent header.
const Version = version.Number
