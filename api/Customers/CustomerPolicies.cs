using Backoffice.Core.Common;
using Microsoft.AspNetCore.Authorization;

namespace Backoffice.Api.Customers;

/// <summary>
/// Customer capabilities beyond reading (<see cref="Auth.Policies.ReadCustomers"/>): the call centre logs calls;
/// the call centre and the merchant tag; only the merchant (owner of the base) and a supervisor export or erase.
/// </summary>
public static class CustomerPolicies
{
    public const string RecordCalls = "customers:calls";
    public const string Tag = "customers:tag";
    public const string Export = "customers:export";
    public const string Erase = "customers:erase";

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [RecordCalls] = [Roles.Operator, Roles.Supervisor],
        [Tag] = [Roles.Operator, Roles.Supervisor, Roles.Merchant],
        [Export] = [Roles.Merchant, Roles.Supervisor],
        [Erase] = [Roles.Merchant, Roles.Supervisor],
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
