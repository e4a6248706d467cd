namespace Backoffice.Core.Common;

/// <summary>Who did something and through which channel: recorded on every event for the audit trail.</summary>
public sealed record Actor(string UserId, string Role, string Channel)
{
    public static Actor System(string channel) => new("system", "system", channel);
}
