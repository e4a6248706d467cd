namespace Backoffice.Web.Session;

/// <summary>The people-facing roles, as the contract names them (contracts/Auth/Roles.cs), and what each may open in the console.</summary>
internal static class Roles
{
    public const string Operator = Contracts.Auth.Roles.Operator;
    public const string Warehouse = Contracts.Auth.Roles.Warehouse;
    public const string Courier = Contracts.Auth.Roles.Courier;
    public const string Supervisor = Contracts.Auth.Roles.Supervisor;
    public const string Finance = Contracts.Auth.Roles.Finance;
    public const string Merchant = Contracts.Auth.Roles.Merchant;

    public static IReadOnlyList<string> All => Contracts.Auth.Roles.All;

    public static string Title(string role) => All.Contains(role) ? Localization.ConsoleText.Get("Role." + role) : role;

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

    /// <summary>Who reads a merchant's customer base (api/Auth/Policies.cs, ReadCustomers); owners only their own.</summary>
    public static bool ReadsCustomers(string role) => role is Operator or Supervisor or Merchant;

    /// <summary>The base belongs to the merchant: only its owner and a supervisor export it (api/Customers/CustomerPolicies.cs).</summary>
    public static bool ExportsCustomers(string role) => role is Merchant or Supervisor;

    /// <summary>Erasing a customer's personal data: the merchant owner or a supervisor, as for the export.</summary>
    public static bool ErasesCustomers(string role) => role is Merchant or Supervisor;
}
