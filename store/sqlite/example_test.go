package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/sqlite"
)

// A sync checkpoint saved before a restart is there after it.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "duijie")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "duijie.db")
	ctx := context.Background()

	st, err := sqlite.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	last := time.Date(2024, 3, 1, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	if err := st.Checkpoints().SaveCheckpoint(ctx, "honor-vf-orders", mapping.Checkpoint{LastSyncTime: last}); err != nil {
		fmt.Println(err)
	}
	st.Close()

	st, err = sqlite.Open(path) // the process started again
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	cp, ok, err := st.Checkpoints().LoadCheckpoint(ctx, "honor-vf-orders")
	fmt.Println(ok, err, cp.LastSyncTime.Equal(last))
	// Output: true <nil> true
}

// The VF order poll takes an order into the ERP once; the feedback job
// records its step on the same state.
func ExampleVFOrders() {
	dir, err := os.MkdirTemp("", "duijie")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(filepath.Join(dir, "duijie.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	ctx := context.Background()
	vf := st.VFOrders()

	err = vf.UpdateVFOrder(ctx, "VF001", func(s *mapping.VFOrderState) error {
		// In the poll: s.Order, err = mapping.ReconcileVFOrder(s.Order, order, opt)
		s.Order, s.TakenAt = &mapping.WholesaleOrder{SourceNo: "VF001", Customer: "KH-001"}, time.Now()
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	err = vf.UpdateVFOrder(ctx, "VF001", func(s *mapping.VFOrderState) error {
		s.Feedback = mapping.VFStep{Status: mapping.VFStatusDone, At: time.Now(), Attempts: 1, Ref: "CK-1"}
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	waiting, err := vf.ListVFOrders(ctx, mapping.VFOrderQuery{Feedback: []mapping.VFStatus{mapping.VFStatusNone, mapping.VFStatusFailed}})
	fmt.Println(len(waiting), err)
	s, _, _ := vf.LoadVFOrder(ctx, "VF001")
	fmt.Println(s.Order.Customer, s.Feedback.Status, s.Feedback.Ref)
	// Output:
	// 0 <nil>
	// KH-001 done CK-1
}
