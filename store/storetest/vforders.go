package storetest

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
)

// vfOrder returns a wholesale order made from a VF order, as kept.
func vfOrder(no string) *mapping.WholesaleOrder {
	cents := duijie.AmountFromCents
	return &mapping.WholesaleOrder{
		SourceNo: no, Origin: honor.OriginHimall, SourceStatus: "WAIT_SHIP",
		ExternalCustomer: "C001", Customer: "KH-001", Warehouse: "WH1", OutboundType: "批发出库",
		OrderTime: duijie.NewTime(time.Date(2024, 3, 1, 9, 15, 30, 0, cst)),
		Receiver:  "张三", ReceiverPhone: "13800000000", ReceiverAddress: "广东省深圳市南山区 1 号",
		Remark:      "请尽快发货\n谢谢",
		SourceTotal: cents(399900), SourceDiscount: cents(50), SourcePay: cents(399850), Amount: cents(299900),
		Lines: []mapping.WholesaleLine{{SourceIndex: 0, SourceLine: "1", ExternalGoods: "HW-P60", Goods: "SP-0001",
			GoodsName: "荣耀 Magic6", Model: "BVL-AN00", Quantity: duijie.AmountFromInt(1), Price: cents(299900), Amount: cents(299900)}},
		Unmapped: []mapping.Missing{{Table: mapping.KindGoods, Code: "HW-X1", Line: 1, Key: "2", Field: "lines[1].goods_code"}},
	}
}

// TestVFOrderStore runs the suite of mapping.VFOrderStore: missing orders,
// creation and exact round trips through UpdateVFOrder, f seeing the
// current state, f's error returned as it is with nothing stored, the
// states CheckVFOrderState refuses, the caller's copies, ListVFOrders'
// order and filters, and concurrent updates of one order from two
// handles, none lost.
func TestVFOrderStore(t *testing.T, open Opener[mapping.VFOrderStore]) {
	taken := time.Date(2024, 3, 1, 9, 20, 0, 5, cst)
	fb := mapping.VFStep{Status: mapping.VFStatusUnconfirmed, At: taken.Add(time.Hour), Attempts: 2, Ref: "CK-9", Message: "read timeout"}
	create := func(t *testing.T, s mapping.VFOrderStore, no string, at time.Time) {
		t.Helper()
		err := s.UpdateVFOrder(ctx(t), no, func(st *mapping.VFOrderState) error {
			st.Order, st.TakenAt = vfOrder(no), at
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	same := func(t *testing.T, got, want mapping.VFOrderState) {
		t.Helper()
		if g, w := jsonOf(t, got.Order), jsonOf(t, want.Order); g != w {
			t.Errorf("Order =\n%s\nwant\n%s", g, w)
		}
		sameTime(t, "TakenAt", got.TakenAt, want.TakenAt)
		for _, p := range []struct {
			name      string
			got, want mapping.VFStep
		}{{"Feedback", got.Feedback, want.Feedback}, {"Upload", got.Upload, want.Upload}} {
			sameTime(t, p.name+".At", p.got.At, p.want.At)
			p.got.At, p.want.At = time.Time{}, time.Time{}
			if p.got != p.want {
				t.Errorf("%s = %+v, want %+v", p.name, p.got, p.want)
			}
		}
	}

	t.Run("missing", func(t *testing.T) {
		st, ok, err := open(t)().LoadVFOrder(ctx(t), "VF-NONE")
		if err != nil || ok || st.Order != nil {
			t.Fatalf("LoadVFOrder = %+v, %v, %v; want zero, false, nil", st, ok, err)
		}
	})

	t.Run("create and round trip", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		err := a.UpdateVFOrder(ctx(t), "VF001", func(st *mapping.VFOrderState) error {
			if st.Order != nil || !st.TakenAt.IsZero() || st.Feedback != (mapping.VFStep{}) || st.Upload != (mapping.VFStep{}) {
				t.Errorf("a new order's state = %+v, want the zero state", st)
			}
			st.Order, st.TakenAt, st.Feedback = vfOrder("VF001"), taken, fb
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: taken, Feedback: fb}
		for _, s := range []mapping.VFOrderStore{a, b} {
			got, ok, err := s.LoadVFOrder(ctx(t), "VF001")
			if err != nil || !ok {
				t.Fatalf("LoadVFOrder = %v, %v", ok, err)
			}
			same(t, got, want)
		}
	})

	t.Run("f sees the current state", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		create(t, a, "VF001", taken)
		up := mapping.VFStep{Status: mapping.VFStatusDone, At: taken.Add(2 * time.Hour), Attempts: 1, Ref: "CK-9"}
		err := b.UpdateVFOrder(ctx(t), "VF001", func(st *mapping.VFOrderState) error {
			same(t, *st, mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: taken})
			st.Upload = up
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := a.LoadVFOrder(ctx(t), "VF001")
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: taken, Upload: up})
	})

	t.Run("f's error stores nothing", func(t *testing.T) {
		s := open(t)()
		refused := errors.New("changed in Himall")
		err := s.UpdateVFOrder(ctx(t), "VF002", func(st *mapping.VFOrderState) error {
			st.Order = vfOrder("VF002")
			return refused
		})
		if err != refused {
			t.Fatalf("UpdateVFOrder = %v, want f's error as it is", err)
		}
		if _, ok, err := s.LoadVFOrder(ctx(t), "VF002"); ok || err != nil {
			t.Fatalf("after f's error, LoadVFOrder = %v, %v; want missing", ok, err)
		}
		create(t, s, "VF001", taken)
		err = s.UpdateVFOrder(ctx(t), "VF001", func(st *mapping.VFOrderState) error {
			st.Order.Customer, st.Feedback = "someone else", fb
			return &mapping.VFConflictError{SourceNo: "VF001"}
		})
		var conflict *mapping.VFConflictError
		if !errors.As(err, &conflict) {
			t.Fatalf("UpdateVFOrder = %v, want the *VFConflictError f returned", err)
		}
		got, _, err := s.LoadVFOrder(ctx(t), "VF001")
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: taken})
	})

	t.Run("refused states", func(t *testing.T) {
		s := open(t)()
		for name, f := range map[string]func(*mapping.VFOrderState){
			"no order":          func(st *mapping.VFOrderState) { st.TakenAt = taken },
			"another order":     func(st *mapping.VFOrderState) { st.Order = vfOrder("VF999") },
			"order number gone": func(st *mapping.VFOrderState) { st.Order = vfOrder("") },
		} {
			err := s.UpdateVFOrder(ctx(t), "VF003", func(st *mapping.VFOrderState) error { f(st); return nil })
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s: UpdateVFOrder = %v, want a *ValidationError", name, err)
			}
		}
		if err := s.UpdateVFOrder(ctx(t), "", func(st *mapping.VFOrderState) error { st.Order = vfOrder(""); return nil }); err == nil {
			t.Error("UpdateVFOrder without an order number = nil, want an error")
		}
		if list, err := s.ListVFOrders(ctx(t), mapping.VFOrderQuery{}); err != nil || len(list) != 0 {
			t.Fatalf("after refused states, ListVFOrders = %d states, %v; want none", len(list), err)
		}
	})

	t.Run("copies", func(t *testing.T) {
		s := open(t)()
		create(t, s, "VF001", taken)
		got, _, err := s.LoadVFOrder(ctx(t), "VF001")
		if err != nil {
			t.Fatal(err)
		}
		got.Order.Customer, got.Order.Lines[0].Goods = "changed", "changed"
		err = s.UpdateVFOrder(ctx(t), "VF001", func(st *mapping.VFOrderState) error {
			st.Order.Remark = "changed, then refused"
			return errors.New("refused")
		})
		if err == nil {
			t.Fatal("want f's error")
		}
		again, _, err := s.LoadVFOrder(ctx(t), "VF001")
		if err != nil {
			t.Fatal(err)
		}
		same(t, again, mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: taken})
	})

	t.Run("list and filters", func(t *testing.T) {
		s := open(t)()
		day := func(d int) time.Time { return time.Date(2024, 3, d, 10, 0, 0, 0, cst) }
		for _, o := range []struct {
			no     string
			at     time.Time
			fb, up mapping.VFStatus
		}{
			{"VF004", day(4), mapping.VFStatusNone, mapping.VFStatusNone},
			{"VF001", day(1), mapping.VFStatusDone, mapping.VFStatusDone},
			{"VF003", day(3), mapping.VFStatusFailed, mapping.VFStatusNone},
			{"VF002", day(2), mapping.VFStatusUnconfirmed, mapping.VFStatusDone},
		} {
			err := s.UpdateVFOrder(ctx(t), o.no, func(st *mapping.VFOrderState) error {
				st.Order, st.TakenAt = vfOrder(o.no), o.at
				st.Feedback.Status, st.Upload.Status = o.fb, o.up
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			name string
			q    mapping.VFOrderQuery
			want string
		}{
			{"all", mapping.VFOrderQuery{}, "VF001 VF002 VF003 VF004"},
			{"feedback not attempted", mapping.VFOrderQuery{Feedback: []mapping.VFStatus{mapping.VFStatusNone}}, "VF004"},
			{"feedback to send again", mapping.VFOrderQuery{Feedback: []mapping.VFStatus{mapping.VFStatusFailed, mapping.VFStatusUnconfirmed}}, "VF002 VF003"},
			{"uploaded", mapping.VFOrderQuery{Upload: []mapping.VFStatus{mapping.VFStatusDone}}, "VF001 VF002"},
			{"both", mapping.VFOrderQuery{Feedback: []mapping.VFStatus{mapping.VFStatusDone}, Upload: []mapping.VFStatus{mapping.VFStatusDone}}, "VF001"},
			{"taken from", mapping.VFOrderQuery{TakenFrom: day(3)}, "VF003 VF004"},
			{"taken before", mapping.VFOrderQuery{TakenTo: day(3)}, "VF001 VF002"},
			{"taken between", mapping.VFOrderQuery{TakenFrom: day(2), TakenTo: day(4)}, "VF002 VF003"},
			{"none", mapping.VFOrderQuery{Upload: []mapping.VFStatus{mapping.VFStatusFailed}}, ""},
		} {
			list, err := s.ListVFOrders(ctx(t), c.q)
			if err != nil {
				t.Fatal(err)
			}
			var nos []string
			for _, st := range list {
				nos = append(nos, st.Order.SourceNo)
			}
			if got := strings.Join(nos, " "); got != c.want {
				t.Errorf("%s: ListVFOrders = %q, want %q", c.name, got, c.want)
			}
		}
		list, err := s.ListVFOrders(ctx(t), mapping.VFOrderQuery{Feedback: []mapping.VFStatus{mapping.VFStatusDone}})
		if err != nil || len(list) != 1 {
			t.Fatalf("ListVFOrders = %d, %v", len(list), err)
		}
		same(t, list[0], mapping.VFOrderState{Order: vfOrder("VF001"), TakenAt: day(1), Feedback: mapping.VFStep{Status: mapping.VFStatusDone},
			Upload: mapping.VFStep{Status: mapping.VFStatusDone}})
	})

	t.Run("concurrent updates", func(t *testing.T) {
		h := open(t)
		handles := []mapping.VFOrderStore{h(), h()}
		create(t, handles[0], "VF001", taken)
		c := ctx(t)
		const workers, rounds = 6, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*rounds)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := handles[w%len(handles)]
				for range rounds {
					errs <- s.UpdateVFOrder(c, "VF001", func(st *mapping.VFOrderState) error {
						st.Feedback.Attempts++
						st.Upload.Ref += "x"
						return nil
					})
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		got, _, err := handles[1].LoadVFOrder(c, "VF001")
		if err != nil {
			t.Fatal(err)
		}
		if n := workers * rounds; got.Feedback.Attempts != n || len(got.Upload.Ref) != n {
			t.Fatalf("after %d updates: Attempts %d, Ref %q: updates were lost", n, got.Feedback.Attempts, got.Upload.Ref)
		}
		if !slices.Equal([]string{got.Order.SourceNo}, []string{"VF001"}) {
			t.Fatalf("order %q", got.Order.SourceNo)
		}
	})
}
