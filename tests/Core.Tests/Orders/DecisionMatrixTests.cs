using Xunit;
using Backoffice.Core.Orders;
using static Backoffice.Core.Tests.Orders.OrderFixtures;

namespace Backoffice.Core.Tests.Orders;

/// <summary>
/// Every (state, command) pair: accepted, or rejected with the expected code. A new state or command without a
/// row here fails <see cref="The_matrix_covers_every_state_and_command"/>.
/// </summary>
public sealed class DecisionMatrixTests
{
    private static readonly Dictionary<string, Func<OrderState>> States = new()
    {
        ["none"] = () => OrderDecider.Initial,
        ["confirmation"] = () => InConfirmation(),
        ["supplier-pickup"] = () => InSupplierPickup(),
        ["packing"] = () => InPacking(),
        ["awaiting-dispatch"] = () => AwaitingDispatch(),
        ["out-for-delivery"] = () => OutForDelivery(),
        ["delivered-cash-due"] = () => DeliveredWithCash(),
        ["delivered-settled"] = () => DeliveredSettled(),
        ["cancelled"] = () => Cancelled(),
        ["timed-out-with-courier"] = () => TimedOutWithCourier(),
    };

    private static readonly Dictionary<string, Func<OrderState, OrderCommand>> Commands = new()
    {
        ["place"] = _ => Place(),
        ["confirm"] = _ => new ConfirmOrder([], Operator, At(10)),
        ["cancel"] = s => new CancelOrder(CancellationReason.CustomerChangedMind, null, null, Operator, At(10)),
        ["cancel-lines"] = _ => new CancelLines([new LineDrop("3", CancellationReason.CustomerChangedMind)], Operator, At(10)),
        ["pickup"] = _ => new RecordPickup(["2"], [], Operator, At(10)),
        ["pack"] = _ => new RecordPacking([], Operator, At(10)),
        ["dispatch"] = _ => new DispatchToCourier("courier-2", Operator, At(10)),
        ["delivery"] = s => new RecordDelivery(DeliveryResult.AcceptedAll, [], s is PlacedOrder o ? (o.Stage == Stage.Cancelled ? o.OrderedValue : o.LiveValue) : 0, null, Operator, At(10)),
        ["hand-over"] = _ => new HandOverCash(8200, Operator, At(10)),
        ["deadline"] = s => s is PlacedOrder { Deadline: { } d } ? new ReachDeadline(d.Stage, d.DueAt, Operator, d.DueAt.AddMinutes(1)) : new ReachDeadline(Stage.Confirmation, At(2), Operator, At(10)),
    };

    private const string Ok = "accepted";

    // Rows: state; columns in the order of Commands above.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["none"] = [Ok, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound, Rejection.NotFound],
        ["confirmation"] = [Rejection.AlreadyPlaced, Ok, Ok, Ok, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok],
        ["supplier-pickup"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Ok, Ok, Ok, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok],
        ["packing"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Ok, Ok, Rejection.StageForbids, Ok, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok],
        ["awaiting-dispatch"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Ok, Ok, Rejection.StageForbids, Rejection.StageForbids, Ok, Rejection.StageForbids, Rejection.StageForbids, Ok],
        ["out-for-delivery"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Ok, Ok, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok, Rejection.StageForbids, Ok],
        ["delivered-cash-due"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok, Rejection.StageForbids],
        ["delivered-settled"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids],
        ["cancelled"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids],
        // Collected cash is never refused: the courier's delivery after a timeout cancel is accepted; nothing else is.
        ["timed-out-with-courier"] = [Rejection.AlreadyPlaced, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Rejection.StageForbids, Ok, Rejection.StageForbids, Rejection.StageForbids],
    };

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        var commands = Commands.Keys.ToArray();
        foreach (var (state, row) in Expected)
        {
            for (var i = 0; i < commands.Length; i++)
            {
                data.Add(state, commands[i], row[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_state_and_command_pair_is_decided_as_specified(string state, string command, string expected)
    {
        var before = States[state]();
        var decision = OrderDecider.Decide(before, Commands[command](before));

        Assert.Equal(expected, decision.IsAccepted ? Ok : decision.Rejection!.Code);
        if (decision.IsAccepted)
        {
            Assert.NotEmpty(decision.Events);
            var after = decision.Events.Aggregate(before, OrderDecider.Evolve);
            Assert.Equal(before.Version + decision.Events.Count, after.Version);
        }
        else
        {
            Assert.Empty(decision.Events);
            Assert.False(string.IsNullOrWhiteSpace(decision.Rejection!.Message));
        }
    }

    [Fact]
    public void The_matrix_covers_every_state_and_command()
    {
        Assert.Equal(States.Keys.Order(), Expected.Keys.Order());
        Assert.All(Expected.Values, row => Assert.Equal(Commands.Count, row.Length));
        var commandTypes = typeof(OrderCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(OrderCommand))).ToArray();
        Assert.Equal(commandTypes.Length, Commands.Count);
        var stages = Enum.GetValues<Stage>().Where(s => s != Stage.Delivery);
        Assert.All(stages, s => Assert.Contains(States.Values, make => make() is PlacedOrder o && o.Stage == s));
    }
}
