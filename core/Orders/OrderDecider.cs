using Backoffice.Core.Common;
using Backoffice.Core.Finance;

namespace Backoffice.Core.Orders;

/// <summary>
/// The order lifecycle as a decider: pure functions over immutable state. No clock, no I/O, no random ids:
/// time and actor arrive with the command, so both engines (Durable and the local runner) replay it identically.
/// </summary>
public static class OrderDecider
{
    public static OrderState Initial => NoOrder.Instance;

    public static OrderState Fold(IEnumerable<OrderEvent> events) => events.Aggregate(Initial, Evolve);

    public static OrderDecision Decide(OrderState state, OrderCommand command) => (state, command) switch
    {
        (NoOrder, PlaceOrder place) => Place(place),
        (PlacedOrder, PlaceOrder) => Reject(Rejection.AlreadyPlaced, "An order with this id is already placed."),
        (NoOrder, _) => Reject(Rejection.NotFound, "No such order."),
        (PlacedOrder { Stage: Stage.Delivered } order, HandOverCash handOver) => HandOver(order, handOver),
        (PlacedOrder order, RecordDelivery delivery) when CourierMayHoldIt(order) => DeliverAfterCancellation(order, delivery),
        (PlacedOrder order, _) when order.Stage.IsTerminal() =>
            Reject(Rejection.StageForbids, $"The order is {order.Stage}; nothing more can be done to it."),
        (PlacedOrder order, ConfirmOrder confirm) => Confirm(order, confirm),
        (PlacedOrder order, CancelOrder cancel) => CancelWhole(order, cancel),
        (PlacedOrder order, CancelLines cancel) => CancelSomeLines(order, cancel),
        (PlacedOrder order, RecordPickup pickup) => Pickup(order, pickup),
        (PlacedOrder order, RecordPacking packing) => Pack(order, packing),
        (PlacedOrder order, DispatchToCourier dispatch) => Dispatch(order, dispatch),
        (PlacedOrder order, RecordDelivery delivery) => Deliver(order, delivery),
        (PlacedOrder order, HandOverCash) => Reject(Rejection.StageForbids, $"Cash can be handed over only for a delivered order; this one is in {order.Stage}."),
        (PlacedOrder order, ReachDeadline deadline) => Escalate(order, deadline),
        _ => Reject(Rejection.Invalid, $"Unknown command {command.GetType().Name}."),
    };

    public static OrderState Evolve(OrderState state, OrderEvent @event) => (state, @event) switch
    {
        (NoOrder, OrderPlaced placed) => new PlacedOrder(
            placed.MerchantId, placed.OrderId, placed.Draft, placed.Policy, Stage.Confirmation,
            placed.Draft.Lines.Select(l => new LineState(l, LineStatus.Active)).ToArray(),
            Deadline: null, Confirmed: false, CourierId: null, OutForDelivery: false, DeliveryAttempts: 0,
            CashCollected: 0, CashHandedOver: 0, Cancellation: null, placed.At, placed.At, EventCount: 1),
        (PlacedOrder order, OrderEvent e) => Touch(order, e) with { EventCount = order.EventCount + 1, UpdatedAt = e.At },
        _ => state,
    };

    private static PlacedOrder Touch(PlacedOrder order, OrderEvent e) => e switch
    {
        OrderConfirmed confirmed => order with
        {
            Confirmed = true,
            Lines = MapLive(order, l => Reserve(l, confirmed.Reservations)),
        },
        LinesCancelled cancelled => order with
        {
            Lines = order.Lines.Select(l => cancelled.Lines.FirstOrDefault(x => x.LineId == l.Line.LineId) is { } loss
                ? l with { Status = loss.Rejected ? LineStatus.Rejected : LineStatus.Cancelled, Cancellation = loss.Cancellation }
                : l).ToArray(),
        },
        LinesPickedUp picked => order with { Lines = SetStatus(order, picked.LineIds, LineStatus.PickedUp) },
        OrderPacked packed => order with { Lines = SetStatus(order, packed.LineIds, LineStatus.Packed) },
        DispatchedToCourier d => order with { CourierId = d.CourierId, OutForDelivery = true, DeliveryAttempts = d.Attempt },
        DeliveryAttemptFailed => order with { OutForDelivery = false },
        // Names its lines explicitly, live or not: a delivery recorded after a cancellation revives the lines the
        // cancellation took (see DeliverAfterCancellation), and the order is delivered, not cancelled, from then on.
        OrderDelivered delivered => order with
        {
            Stage = Stage.Delivered,
            Deadline = null,
            OutForDelivery = false,
            CashCollected = delivered.CashCollected,
            Cancellation = null,
            Lines = order.Lines.Select(l => delivered.DeliveredLines.Contains(l.Line.LineId)
                ? l with { Status = LineStatus.Delivered, Cancellation = null }
                : l).ToArray(),
        },
        CashHandedOver handed => order with { CashHandedOver = order.CashHandedOver + handed.Amount },
        DeadlineMissed missed => order with { Deadline = new StageDeadline(missed.Stage, missed.NextDueAt, missed.Misses) },
        StageEntered entered => order with
        {
            Stage = entered.Stage,
            Deadline = entered.DueAt is { } due ? new StageDeadline(entered.Stage, due, 0) : null,
        },
        OrderCancelled cancelled => order with
        {
            Stage = Stage.Cancelled,
            Deadline = null,
            OutForDelivery = false,
            Cancellation = cancelled.Cancellation,
            Lines = MapLive(order, l => l with { Status = LineStatus.Cancelled, Cancellation = cancelled.Cancellation }),
        },
        _ => order,
    };

    /// <summary>
    /// A line the warehouse reserved in full is packed from stock; otherwise the rest is fetched from a supplier. The
    /// reservation stays on the line, so every view of the order can say which lines stock could not cover.
    /// </summary>
    private static LineState Reserve(LineState line, IReadOnlyList<LineReservation>? reservations)
    {
        if (reservations is null)
        {
            // Confirmed before stock was tracked: the storefront's in-stock flag decided.
            return line with { Status = line.Line.InWarehouse ? LineStatus.Active : LineStatus.AwaitingPickup };
        }

        var reserved = reservations.FirstOrDefault(r => r.LineId == line.Line.LineId)?.Quantity ?? 0;
        return line with { Status = reserved >= line.Line.Quantity ? LineStatus.Active : LineStatus.AwaitingPickup, Reserved = reserved };
    }

    private static LineState[] MapLive(PlacedOrder order, Func<LineState, LineState> map) =>
        order.Lines.Select(l => l.IsLive ? map(l) : l).ToArray();

    private static LineState[] SetStatus(PlacedOrder order, IReadOnlyList<string> lineIds, LineStatus status) =>
        order.Lines.Select(l => l.IsLive && lineIds.Contains(l.Line.LineId) ? l with { Status = status } : l).ToArray();

    private static OrderDecision Place(PlaceOrder place)
    {
        if (place.Draft.Lines.Count == 0)
        {
            return Reject(Rejection.Invalid, "An order needs at least one line.");
        }

        if (!OrderLimits.IsWithinLimits(place.Draft))
        {
            // The edge refuses this with field paths first; the decider keeps the rule for every other way in.
            return Reject(Rejection.Invalid, $"The order total (lines × quantities + delivery fee) exceeds {OrderLimits.MaxOrderTotal} minor units.");
        }

        var placed = new OrderPlaced(place.MerchantId, place.OrderId, place.Draft, place.Policy, place.Now, place.By);
        var entered = new StageEntered(Stage.Confirmation, place.Now + place.Policy.Confirmation, place.Now, place.By);
        return OrderDecision.Accept([placed, entered]);
    }

    private static OrderDecision Confirm(PlacedOrder order, ConfirmOrder confirm)
    {
        if (order.Stage != Stage.Confirmation)
        {
            return Reject(Rejection.StageForbids, $"Only an order in Confirmation can be confirmed; this one is in {order.Stage}.");
        }

        if (CheckDrops(order, confirm.DroppedLines) is { } problem)
        {
            return problem;
        }

        if (order.LiveLines.All(l => confirm.DroppedLines.Any(d => d.LineId == l.Line.LineId)))
        {
            return Reject(Rejection.Invalid, "Confirming cannot drop every line; cancel the order instead.");
        }

        if (CheckReservations(order, confirm.Reservations) is { } reservationProblem)
        {
            return reservationProblem;
        }

        var events = new List<OrderEvent>();
        if (confirm.DroppedLines.Count > 0)
        {
            events.Add(new LinesCancelled(Losses(order, confirm.DroppedLines, confirm), confirm.Now, confirm.By));
        }

        events.Add(new OrderConfirmed(confirm.Now, confirm.By, KeptReservations(order, confirm)));
        var after = Apply(order, events);
        var next = after.LiveLines.Any(l => l.Status == LineStatus.AwaitingPickup) ? Stage.SupplierPickup : Stage.Packing;
        events.Add(Enter(order, next, confirm));
        return OrderDecision.Accept(events);
    }

    private static OrderDecision? CheckReservations(PlacedOrder order, IReadOnlyList<LineReservation>? reservations)
    {
        if (reservations is null)
        {
            return null;
        }

        if (reservations.Select(r => r.LineId).Distinct(StringComparer.Ordinal).Count() != reservations.Count)
        {
            return Reject(Rejection.Invalid, "A line has more than one reservation.");
        }

        foreach (var reservation in reservations)
        {
            if (order.FindLine(reservation.LineId) is not { } line)
            {
                return Reject(Rejection.UnknownLine, $"Line {reservation.LineId} is not on this order.");
            }

            if (reservation.Quantity < 0 || reservation.Quantity > line.Line.Quantity)
            {
                return Reject(Rejection.Invalid, $"Line {reservation.LineId} cannot have {reservation.Quantity} of {line.Line.Quantity} units reserved.");
            }
        }

        return null;
    }

    /// <summary>The reservation of every line that stays on the order (0 where the warehouse had none); dropped lines' are released by the workflow.</summary>
    private static IReadOnlyList<LineReservation>? KeptReservations(PlacedOrder order, ConfirmOrder confirm) =>
        confirm.Reservations is not { } reservations
            ? null
            : order.LiveLines
                .Where(l => !confirm.DroppedLines.Any(d => d.LineId == l.Line.LineId))
                .Select(l => new LineReservation(l.Line.LineId, reservations.FirstOrDefault(r => r.LineId == l.Line.LineId)?.Quantity ?? 0))
                .ToArray();

    private static OrderDecision CancelWhole(PlacedOrder order, CancelOrder cancel)
    {
        if (!CancellationReasons.IsAllowed(order.Stage, cancel.Reason))
        {
            return Reject(Rejection.ReasonNotAllowed, $"{cancel.Reason} is not a reason to cancel in {order.Stage}.");
        }

        var department = cancel.Department ?? CancellationReasons.DefaultDepartment(cancel.Reason, order.Stage);
        var record = new Cancellation(order.Stage, cancel.Reason, department, cancel.Note, cancel.Now, cancel.By.UserId);
        return OrderDecision.Accept([new OrderCancelled(record, cancel.Now, cancel.By)]);
    }

    private static OrderDecision CancelSomeLines(PlacedOrder order, CancelLines cancel)
    {
        if (cancel.Lines.Count == 0)
        {
            return Reject(Rejection.Invalid, "Name at least one line to cancel.");
        }

        if (CheckDrops(order, cancel.Lines) is { } problem)
        {
            return problem;
        }

        var events = new List<OrderEvent> { new LinesCancelled(Losses(order, cancel.Lines, cancel), cancel.Now, cancel.By) };
        return OrderDecision.Accept(Settle(order, events, cancel));
    }

    private static OrderDecision Pickup(PlacedOrder order, RecordPickup pickup)
    {
        if (order.Stage != Stage.SupplierPickup)
        {
            return Reject(Rejection.StageForbids, $"Pickup results are recorded in SupplierPickup; this order is in {order.Stage}.");
        }

        if (pickup.PickedUpLines.Count + pickup.FailedLines.Count == 0)
        {
            return Reject(Rejection.Invalid, "Report at least one line picked up or failed.");
        }

        var all = pickup.PickedUpLines.Concat(pickup.FailedLines.Select(f => f.LineId)).ToArray();
        if (all.Distinct(StringComparer.Ordinal).Count() != all.Length)
        {
            return Reject(Rejection.Invalid, "A line is reported more than once.");
        }

        foreach (var lineId in all)
        {
            var line = order.FindLine(lineId);
            if (line is null)
            {
                return Reject(Rejection.UnknownLine, $"Line {lineId} is not on this order.");
            }

            if (line.Status != LineStatus.AwaitingPickup)
            {
                return Reject(Rejection.LineNotLive, $"Line {lineId} is not awaiting pickup (it is {line.Status}).");
            }
        }

        if (CheckReasons(order.Stage, pickup.FailedLines) is { } reasonProblem)
        {
            return reasonProblem;
        }

        var events = new List<OrderEvent>();
        if (pickup.PickedUpLines.Count > 0)
        {
            events.Add(new LinesPickedUp(pickup.PickedUpLines, pickup.Now, pickup.By));
        }

        if (pickup.FailedLines.Count > 0)
        {
            events.Add(new LinesCancelled(Losses(order, pickup.FailedLines, pickup), pickup.Now, pickup.By));
        }

        return OrderDecision.Accept(Settle(order, events, pickup));
    }

    private static OrderDecision Pack(PlacedOrder order, RecordPacking packing)
    {
        if (order.Stage != Stage.Packing)
        {
            return Reject(Rejection.StageForbids, $"Only an order in Packing can be packed; this one is in {order.Stage}.");
        }

        if (CheckDrops(order, packing.FailedLines) is { } problem)
        {
            return problem;
        }

        var events = new List<OrderEvent>();
        if (packing.FailedLines.Count > 0)
        {
            events.Add(new LinesCancelled(Losses(order, packing.FailedLines, packing), packing.Now, packing.By));
        }

        var remaining = Apply(order, events).LiveLines.Select(l => l.Line.LineId).ToArray();
        if (remaining.Length == 0)
        {
            return OrderDecision.Accept(Settle(order, events, packing));
        }

        events.Add(new OrderPacked(remaining, packing.Now, packing.By));
        events.Add(Enter(order, Stage.Delivery, packing));
        return OrderDecision.Accept(events);
    }

    private static OrderDecision Dispatch(PlacedOrder order, DispatchToCourier dispatch)
    {
        if (order.Stage != Stage.Delivery)
        {
            return Reject(Rejection.StageForbids, $"Only a packed order can go to a courier; this one is in {order.Stage}.");
        }

        if (order.OutForDelivery)
        {
            return Reject(Rejection.StageForbids, $"The order is already out for delivery with {order.CourierId}.");
        }

        if (string.IsNullOrWhiteSpace(dispatch.CourierId))
        {
            return Reject(Rejection.Invalid, "Name the courier.");
        }

        return OrderDecision.Accept([new DispatchedToCourier(dispatch.CourierId, order.DeliveryAttempts + 1, dispatch.Now, dispatch.By)]);
    }

    private static OrderDecision Deliver(PlacedOrder order, RecordDelivery delivery)
    {
        if (order.Stage != Stage.Delivery || !order.OutForDelivery)
        {
            return Reject(Rejection.StageForbids, "A delivery outcome needs an order that is out for delivery.");
        }

        return delivery.Result switch
        {
            DeliveryResult.AcceptedAll => Accepted(order, delivery, []),
            DeliveryResult.AcceptedSome => AcceptedSome(order, delivery),
            DeliveryResult.Refused => Refused(order, delivery),
            DeliveryResult.CustomerAbsent => Absent(order, delivery),
            _ => Reject(Rejection.Invalid, "Unknown delivery result."),
        };
    }

    /// <summary>
    /// Business rule (docs/orders.md, "Collected cash is never refused"): an order cancelled in the Delivery stage after
    /// a courier took it may still reach the customer — the cancellation (a timeout, an operator, a final "absent")
    /// did not stop the van. When the courier records that the customer accepted it, the cash they hold must go on the
    /// books, so the delivery is accepted and recorded: the lines the cancellation took come back and are delivered,
    /// with the same cash rule as an ordinary delivery. Refusals and absences after a cancellation change nothing and
    /// are refused.
    /// </summary>
    private static bool CourierMayHoldIt(PlacedOrder order) =>
        order is { Stage: Stage.Cancelled, CourierId: not null, Cancellation.Stage: Stage.Delivery };

    private static OrderDecision DeliverAfterCancellation(PlacedOrder order, RecordDelivery delivery)
    {
        if (delivery.Result is not (DeliveryResult.AcceptedAll or DeliveryResult.AcceptedSome))
        {
            return Reject(Rejection.StageForbids, "The order is already cancelled; only a delivery the customer accepted can still be recorded.");
        }

        var taken = order.Cancellation;
        var revived = order with
        {
            Stage = Stage.Delivery,
            OutForDelivery = true,
            Cancellation = null,
            Lines = order.Lines.Select(l => l.Status == LineStatus.Cancelled && l.Cancellation == taken ? l with { Status = LineStatus.Packed, Cancellation = null } : l).ToArray(),
        };
        return Deliver(revived, delivery);
    }

    private static OrderDecision AcceptedSome(PlacedOrder order, RecordDelivery delivery)
    {
        if (delivery.RejectedLines.Count == 0)
        {
            return Reject(Rejection.Invalid, "Name the lines the customer rejected.");
        }

        if (CheckDrops(order, delivery.RejectedLines) is { } problem)
        {
            return problem;
        }

        if (order.LiveLines.All(l => delivery.RejectedLines.Any(r => r.LineId == l.Line.LineId)))
        {
            return Reject(Rejection.Invalid, "Every line was rejected: record the delivery as refused.");
        }

        return Accepted(order, delivery, delivery.RejectedLines);
    }

    private static OrderDecision Accepted(PlacedOrder order, RecordDelivery delivery, IReadOnlyList<LineDrop> rejected)
    {
        if (delivery.Result == DeliveryResult.AcceptedAll && delivery.RejectedLines.Count > 0)
        {
            return Reject(Rejection.Invalid, "Accepted in full cannot name rejected lines.");
        }

        var events = new List<OrderEvent>();
        if (rejected.Count > 0)
        {
            events.Add(new LinesCancelled(Losses(order, rejected, delivery, asRejection: true), delivery.Now, delivery.By));
        }

        var after = Apply(order, events);
        var accepted = after.LiveLines.Select(l => l.Line.LineId).ToArray();
        var value = after.LiveValue;
        var cash = delivery.CashCollected ?? 0;
        if (order.Draft.Payment == PaymentMethod.CashOnDelivery && cash != value)
        {
            return Reject(Rejection.CashMismatch, $"Cash collected must equal the accepted lines plus delivery: {MoneyText.WithCurrency(value, order.Draft.Currency)}, not {MoneyText.WithCurrency(cash, order.Draft.Currency)}.");
        }

        if (order.Draft.Payment == PaymentMethod.Prepaid && cash != 0)
        {
            return Reject(Rejection.CashMismatch, "A prepaid order collects no cash.");
        }

        events.Add(new OrderDelivered(accepted, value, cash, order.CourierId, delivery.Now, delivery.By));
        return OrderDecision.Accept(events);
    }

    private static OrderDecision Refused(PlacedOrder order, RecordDelivery delivery)
    {
        if (delivery.CashCollected is > 0)
        {
            return Reject(Rejection.CashMismatch, "A refused delivery collects no cash.");
        }

        var record = new Cancellation(Stage.Delivery, CancellationReason.CustomerRefused, Department.Customer, delivery.Note, delivery.Now, delivery.By.UserId);
        return OrderDecision.Accept([new OrderCancelled(record, delivery.Now, delivery.By)]);
    }

    private static OrderDecision Absent(PlacedOrder order, RecordDelivery delivery)
    {
        if (delivery.CashCollected is > 0)
        {
            return Reject(Rejection.CashMismatch, "No cash is collected when the customer is absent.");
        }

        var events = new List<OrderEvent> { new DeliveryAttemptFailed(order.DeliveryAttempts, delivery.Note, delivery.Now, delivery.By) };
        if (order.DeliveryAttempts >= order.Policy.MaxDeliveryAttempts)
        {
            var record = new Cancellation(Stage.Delivery, CancellationReason.CustomerAbsent, Department.Customer, delivery.Note, delivery.Now, delivery.By.UserId);
            events.Add(new OrderCancelled(record, delivery.Now, delivery.By));
        }
        else
        {
            events.Add(Enter(order, Stage.Delivery, delivery));
        }

        return OrderDecision.Accept(events);
    }

    private static OrderDecision HandOver(PlacedOrder order, HandOverCash handOver)
    {
        if (order.CashOutstanding <= 0)
        {
            return Reject(Rejection.StageForbids, "There is no cash outstanding on this order.");
        }

        if (handOver.Amount != order.CashOutstanding)
        {
            return Reject(Rejection.CashMismatch, $"Hand over the whole {MoneyText.WithCurrency(order.CashOutstanding, order.Draft.Currency)} collected, not {MoneyText.WithCurrency(handOver.Amount, order.Draft.Currency)}.");
        }

        return OrderDecision.Accept([new CashHandedOver(handOver.Amount, handOver.Now, handOver.By)]);
    }

    private static OrderDecision Escalate(PlacedOrder order, ReachDeadline deadline)
    {
        if (order.Deadline is not { } current || current.Stage != deadline.Stage || current.DueAt != deadline.DueAt)
        {
            return Reject(Rejection.StaleDeadline, "This deadline no longer applies: the order moved on or was re-armed.");
        }

        if (deadline.Now < current.DueAt)
        {
            return Reject(Rejection.StaleDeadline, "The deadline has not been reached yet.");
        }

        var misses = current.Misses + 1;
        var next = deadline.Now + order.Policy.For(order.Stage);
        var events = new List<OrderEvent> { new DeadlineMissed(order.Stage, current.DueAt, misses, next, deadline.Now, deadline.By) };
        // While a courier is out with the order, a missed deadline escalates but never cancels: the courier may be
        // collecting the cash right now, and a cancelled order would have nowhere to book it.
        if (misses >= order.Policy.MaxDeadlineMisses && !(order.Stage == Stage.Delivery && order.OutForDelivery))
        {
            var record = new Cancellation(order.Stage, CancellationReason.DeadlineMissed, order.Stage.Owner(), MissedDeadlines(misses), deadline.Now, deadline.By.UserId);
            events.Add(new OrderCancelled(record, deadline.Now, deadline.By));
        }

        return OrderDecision.Accept(events);
    }

    /// <summary>The note of a cancellation for missed deadlines, read by people in the timeline and loss reports: "once", then "2 times".</summary>
    private static string MissedDeadlines(int misses) => misses == 1 ? "Deadline missed once." : $"Deadline missed {misses} times.";

    /// <summary>After lines are lost or picked up, the order may have nothing left (cancelled) or may be ready for packing.</summary>
    private static List<OrderEvent> Settle(PlacedOrder order, List<OrderEvent> events, OrderCommand command)
    {
        var after = Apply(order, events);
        if (!after.LiveLines.Any())
        {
            var last = events.OfType<LinesCancelled>().Last().Lines[^1].Cancellation;
            events.Add(new OrderCancelled(last with { Note = last.Note ?? "Every line was cancelled." }, command.Now, command.By));
        }
        else if (after.Stage == Stage.SupplierPickup && !after.LiveLines.Any(l => l.Status == LineStatus.AwaitingPickup))
        {
            events.Add(Enter(order, Stage.Packing, command));
        }

        return events;
    }

    private static StageEntered Enter(PlacedOrder order, Stage stage, OrderCommand command) =>
        new(stage, command.Now + order.Policy.For(stage), command.Now, command.By);

    private static PlacedOrder Apply(PlacedOrder order, IEnumerable<OrderEvent> events) =>
        (PlacedOrder)events.Aggregate((OrderState)order, Evolve);

    private static OrderDecision? CheckDrops(PlacedOrder order, IReadOnlyList<LineDrop> drops)
    {
        if (drops.Select(d => d.LineId).Distinct(StringComparer.Ordinal).Count() != drops.Count)
        {
            return Reject(Rejection.Invalid, "A line is named more than once.");
        }

        foreach (var drop in drops)
        {
            var line = order.FindLine(drop.LineId);
            if (line is null)
            {
                return Reject(Rejection.UnknownLine, $"Line {drop.LineId} is not on this order.");
            }

            if (!line.IsLive)
            {
                return Reject(Rejection.LineNotLive, $"Line {drop.LineId} is already {line.Status}.");
            }
        }

        return CheckReasons(order.Stage, drops);
    }

    private static OrderDecision? CheckReasons(Stage stage, IReadOnlyList<LineDrop> drops) =>
        drops.FirstOrDefault(d => !CancellationReasons.IsAllowed(stage, d.Reason)) is { } bad
            ? Reject(Rejection.ReasonNotAllowed, $"{bad.Reason} is not a reason to lose a line in {stage}.")
            : null;

    private static LineLoss[] Losses(PlacedOrder order, IReadOnlyList<LineDrop> drops, OrderCommand command, bool asRejection = false) =>
        drops.Select(d => new LineLoss(
            d.LineId,
            new Cancellation(order.Stage, d.Reason, d.Department ?? CancellationReasons.DefaultDepartment(d.Reason, order.Stage), d.Note, command.Now, command.By.UserId),
            asRejection)).ToArray();

    private static OrderDecision Reject(string code, string message) => OrderDecision.Reject(code, message);
}
