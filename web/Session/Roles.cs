namespace Backoffice.Web.Session;

/// <summary>The people-facing roles (core/Common/Roles.cs) and what each may open in the console.</summary>
internal static class Roles
{
    public const string Operator = "operator";
    public const string Warehouse = "warehouse";
    public const string Courier = "courier";
    public const string Supervisor = "supervisor";
    public const string Finance = "finance";
    public const string Merchant = "merchant";

    public static readonly IReadOnlyList<string> All = [Operator, Warehouse, Courier, Supervisor, Finance, Merchant];

    public static string Title(string role) => role switch
    {
        Operator => "Call-centre operator",
        Warehouse => "Warehouse / purchasing",
        Courier => "Courier",
        Supervisor => "Supervisor",
        Finance => "Finance",
        Merchant => "Merchant owner",
        _ => role,
    };

    /// <summary>The work queues a role works (the API lets the same roles read them).</summary>
    public static IReadOnlyList<Stage> QueuesOf(string role) => role switch
    {
        Operator => [Stages.Confirmation],
        Warehouse => [Stages.SupplierPickup, Stages.Packing],
        Courier => [Stages.Delivery],
        Supervisor => Stages.Working,
        _ => [],
    };

    public static bool ManagesMerchants(string role) => role == Supervisor;

    public static bool ReadsFinance(string role) => role is Finance or Supervisor or Merchant;

    public static bool ReadsKpi(string role) => role is Operator or Supervisor or Finance or Merchant;

    public static bool SeesDeadLetters(string role) => role == Supervisor;
}
