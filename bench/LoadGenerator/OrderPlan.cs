namespace Backoffice.LoadGenerator;

internal enum ConfirmChoice
{
    Confirm,
    DropLine,
    Cancel,
}

internal enum StageChoice
{
    All,
    FailLine,
    Cancel,
}

internal enum DoorChoice
{
    AcceptedAll,
    AcceptedSome,
    Refused,
    CustomerAbsent,
}

/// <summary>
/// What the people will do with one order, fixed when the order arrives, from a hash of its id: realistic mixes of
/// cancellations at every stage, dropped and failed lines, rejected lines and absent customers. Every action is chosen
/// from the order's current state plus this plan, so repeating an action after a lost response is harmless.
/// </summary>
internal sealed record OrderPlan(
    ConfirmChoice Confirmation,
    StageChoice Pickup,
    StageChoice Packing,
    bool CancelBeforeDispatch,
    IReadOnlyList<DoorChoice> Doorstep,
    bool HandOverCash)
{
    public static OrderPlan For(string orderId, int seed)
    {
        var random = new Random(unchecked((seed * 31) + StableHash(orderId)));
        var confirmation = Pick(random, (0.08, ConfirmChoice.Cancel), (0.10, ConfirmChoice.DropLine), (1.0, ConfirmChoice.Confirm));
        var pickup = Pick(random, (0.03, StageChoice.Cancel), (0.08, StageChoice.FailLine), (1.0, StageChoice.All));
        var packing = Pick(random, (0.02, StageChoice.Cancel), (0.05, StageChoice.FailLine), (1.0, StageChoice.All));
        var cancelBeforeDispatch = random.NextDouble() < 0.02;
        IReadOnlyList<DoorChoice> doorstep = Pick(
            random,
            (0.10, new[] { DoorChoice.Refused }),
            (0.08, new[] { DoorChoice.AcceptedSome }),
            (0.08, new[] { DoorChoice.CustomerAbsent, DoorChoice.AcceptedAll }),
            (0.03, new[] { DoorChoice.CustomerAbsent, DoorChoice.CustomerAbsent, DoorChoice.CustomerAbsent }),
            (1.0, new[] { DoorChoice.AcceptedAll }));
        return new OrderPlan(confirmation, pickup, packing, cancelBeforeDispatch, doorstep, random.NextDouble() < 0.9);
    }

    /// <summary>The outcome at the door for delivery attempt <paramref name="attempt"/> (1-based).</summary>
    public DoorChoice AtDoor(int attempt) => Doorstep[Math.Min(attempt, Doorstep.Count) - 1];

    private static T Pick<T>(Random random, params (double Share, T Value)[] choices)
    {
        var roll = random.NextDouble();
        var sum = 0.0;
        foreach (var (share, value) in choices)
        {
            sum += share;
            if (roll < sum || share >= 1.0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
