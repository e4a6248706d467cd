namespace Backoffice.Contracts.Auth;

/// <summary>
/// The people-facing roles a token carries (claim <c>roles</c>). A merchant principal is always scoped to one merchant.
/// The API authorises with the domain's list (core/Common/Roles.cs); a test holds the two equal.
/// </summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Warehouse = "warehouse";
    public const string Courier = "courier";
    public const string Supervisor = "supervisor";
    public const string Finance = "finance";
    public const string Merchant = "merchant";

    public static IReadOnlyList<string> All { get; } = [Operator, Warehouse, Courier, Supervisor, Finance, Merchant];
}
