package psi

// Config lists the host's codes enabled for the PSI upload (上传荣耀PSI):
// warehouses (PSI上传仓库设置), suppliers and customers (往来单位设置),
// brands (品牌设置) and goods categories (商品分类设置). A code not listed is
// not enabled. The configuration applies only to documents not linked to a
// VF order.
type Config struct {
	// Warehouses are the enabled warehouse codes.
	Warehouses []string
	// Suppliers are the enabled supplier codes.
	Suppliers []string
	// Customers are the enabled customer codes.
	Customers []string
	// Brands are the enabled brand codes.
	Brands []string
	// Categories are the enabled goods category codes.
	Categories []string
}

// Selector applies the upload rules with one Config. It is immutable and
// safe for concurrent use.
type Selector struct {
	warehouses, suppliers, customers, brands, categories set
}

type set map[string]struct{}

func newSet(codes []string) set {
	s := make(set, len(codes))
	for _, c := range codes {
		if c != "" {
			s[c] = struct{}{}
		}
	}
	return s
}

func (s set) has(code string) bool {
	_, ok := s[code]
	return ok
}

// NewSelector copies cfg into a Selector; later changes to cfg's slices do
// not affect it.
func NewSelector(cfg Config) *Selector {
	return &Selector{
		warehouses: newSet(cfg.Warehouses), suppliers: newSet(cfg.Suppliers), customers: newSet(cfg.Customers),
		brands: newSet(cfg.Brands), categories: newSet(cfg.Categories),
	}
}
