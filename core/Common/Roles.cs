namespace Backoffice.Core.Common;

/// <summary>The people-facing roles. A merchant principal is always scoped to one merchant.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Warehouse = "warehouse";
    public const string Courier = "courier";
    public const string Supervisor = "supervisor";
    public const string Finance = "finance";
    public const string Merchant = "merchant";

    public static readonly IReadOnlyList<string> All = [Operator, Warehouse, Courier, Supervisor, Finance, Merchant];
}
