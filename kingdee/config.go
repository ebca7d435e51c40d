package kingdee

import (
	"fmt"
	"strings"

	"github.com/duijie/duijie"
)

// AuthMode is how the client proves who it is.
type AuthMode int

const (
	// AuthSignedHeaders signs every request with the auth version 2.0
	// headers of the official SDKs (第三方系统登录授权: AppID and AppSecret).
	// No login call is made. It is the default.
	AuthSignedHeaders AuthMode = iota
	// AuthLoginBySign logs in with AuthService.LoginBySign (AppID, AppSecret
	// and a timestamped hash) and carries the session.
	AuthLoginBySign
	// AuthLoginByAppSecret logs in with AuthService.LoginByAppSecret, which
	// sends the AppSecret itself. Kingdee recommends LoginBySign instead.
	AuthLoginByAppSecret
	// AuthValidateUser logs in with AuthService.ValidateUser (user name and
	// password). Kingdee recommends LoginBySign instead.
	AuthValidateUser
)

// String names the mode.
func (m AuthMode) String() string {
	switch m {
	case AuthSignedHeaders:
		return "signed headers"
	case AuthLoginBySign:
		return "LoginBySign"
	case AuthLoginByAppSecret:
		return "LoginByAppSecret"
	case AuthValidateUser:
		return "ValidateUser"
	}
	return fmt.Sprintf("AuthMode(%d)", int(m))
}

// BodyForm is how an operation's arguments travel in the JSON body.
type BodyForm int

const (
	// BodyNamed sends {"formid":"SAL_RETURNSTOCK","data":{...}}, the form of
	// the official Python SDK 8.2.0. It is the default.
	BodyNamed BodyForm = iota
	// BodyParameters sends {"parameters":["SAL_RETURNSTOCK","{...}"]}, the
	// form of the official Java SDK, with data as a JSON string.
	BodyParameters
)

// TimestampUnit is the unit of x-api-timestamp in signed headers.
type TimestampUnit int

const (
	// TimestampSeconds is Unix seconds, as the official Python SDK sends.
	TimestampSeconds TimestampUnit = iota
	// TimestampMilliseconds is Unix milliseconds, as the official Java SDK sends.
	TimestampMilliseconds
)

// Defaults of Config.
const (
	// DefaultLCID is the language id of simplified Chinese.
	DefaultLCID = 2052
	// DefaultOrgNum is the organisation number signed when none is given.
	DefaultOrgNum = "0"
)

// Config holds what a Kingdee site needs to accept calls.
type Config struct {
	// ServerURL is the site root, e.g. "https://erp.example.com/k3cloud".
	// Kingdee has no central host; duijie.WithBaseURL replaces it.
	ServerURL string
	// AcctID is the data centre id (账套 / X-KDApi-AcctID).
	AcctID string
	// UserName is the Kingdee user the calls run as.
	UserName string
	// AppID and AppSecret come from 第三方系统登录授权; all modes but
	// AuthValidateUser need them. AppID has the form <clientId>_<32 chars>.
	AppID     string
	AppSecret duijie.Secret
	// Password is the user's password, for AuthValidateUser only.
	Password duijie.Secret
	// LCID is the language id; 0 means DefaultLCID.
	LCID int
	// OrgNum is the organisation number signed into X-Kd-Appdata; "" means
	// DefaultOrgNum.
	OrgNum string
	// Auth chooses how the client authenticates.
	Auth AuthMode
	// Body chooses the JSON body form of operations.
	Body BodyForm
	// Timestamp chooses the unit of x-api-timestamp.
	Timestamp TimestampUnit
	// LoginSHA1 makes LoginBySign hash with SHA-1, for servers older than
	// 8.0.0.202205 (patch PT-146911), which do not accept SHA-256.
	LoginSHA1 bool
}

// withDefaults returns cfg with zero fields defaulted.
func (cfg Config) withDefaults() Config {
	if cfg.LCID == 0 {
		cfg.LCID = DefaultLCID
	}
	if cfg.OrgNum == "" {
		cfg.OrgNum = DefaultOrgNum
	}
	cfg.ServerURL = strings.TrimRight(cfg.ServerURL, "/")
	return cfg
}

// check says which field is missing or wrong for the chosen mode.
func (cfg Config) check() error {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	switch {
	case cfg.Auth < AuthSignedHeaders || cfg.Auth > AuthValidateUser:
		return fmt.Errorf("kingdee: Config.Auth %d is not a known AuthMode", int(cfg.Auth))
	case cfg.Body != BodyNamed && cfg.Body != BodyParameters:
		return fmt.Errorf("kingdee: Config.Body %d is not BodyNamed or BodyParameters", int(cfg.Body))
	case cfg.Timestamp != TimestampSeconds && cfg.Timestamp != TimestampMilliseconds:
		return fmt.Errorf("kingdee: Config.Timestamp %d is not a known TimestampUnit", int(cfg.Timestamp))
	case blank(cfg.AcctID):
		return fmt.Errorf("kingdee: Config.AcctID (the data centre id) is required")
	case blank(cfg.UserName):
		return fmt.Errorf("kingdee: Config.UserName is required")
	case cfg.LCID < 0:
		return fmt.Errorf("kingdee: Config.LCID %d is negative", cfg.LCID)
	case strings.Contains(cfg.AcctID+cfg.UserName+cfg.OrgNum, ","):
		return fmt.Errorf("kingdee: Config.AcctID, UserName and OrgNum must not contain a comma (they are signed comma-joined)")
	}
	if cfg.Auth == AuthValidateUser {
		if cfg.Password == "" {
			return fmt.Errorf("kingdee: Config.Password is required for %v", cfg.Auth)
		}
		return nil
	}
	switch {
	case blank(cfg.AppID):
		return fmt.Errorf("kingdee: Config.AppID is required for %v", cfg.Auth)
	case cfg.AppSecret == "":
		return fmt.Errorf("kingdee: Config.AppSecret is required for %v", cfg.Auth)
	}
	if cfg.Auth == AuthSignedHeaders {
		if _, _, err := SplitAppID(cfg.AppID); err != nil {
			return fmt.Errorf("kingdee: Config.AppID: %w", err)
		}
	}
	return nil
}
