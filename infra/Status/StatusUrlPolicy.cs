using System.Net;
using System.Net.Sockets;

namespace Backoffice.Infra.Status;

/// <summary>
/// Where status webhooks may go (issue 15, item 4: SSRF). A status URL is a request our servers make to an address a
/// supervisor typed, signed with the merchant's secret; without limits it reaches the cloud metadata service, the
/// storage emulator, anything on the private network. So: https only, no credentials in the URL, and only public
/// addresses — checked on the URL when it is saved (<see cref="Problem"/>) and again on every address DNS answers when
/// a connection is made (<see cref="ConnectAsync"/>, so a name that resolves to a private address, or is re-pointed
/// there later — DNS rebinding — fails too). Loopback is allowed only where configured
/// (<see cref="StatusDeliveryOptions.AllowLoopback"/>: Development, where tests and demos receive on this machine).
/// </summary>
public static class StatusUrlPolicy
{
    public const int MaxLength = 500;

    /// <summary>The reason a status URL is refused, in words a supervisor can act on; null when it is acceptable.</summary>
    public static string? Problem(string url, bool allowLoopback, bool allowPlainHttp = false)
    {
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"An absolute https URL of at most {MaxLength} characters.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Must not carry credentials (user:password@): they would be sent and shown to everyone who may read the merchant.";
        }

        var loopback = IsLoopbackHost(uri);
        if (loopback && !allowLoopback)
        {
            return "Must not point at this machine (localhost or a loopback address).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !loopback && !allowPlainHttp)
        {
            return "Must use https: status webhooks carry signed order data.";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address)
            && !IsAllowed(address, allowLoopback))
        {
            return "Must not point at a private, link-local, loopback or otherwise non-public address.";
        }

        return null;
    }

    /// <summary>True for an address a status webhook may connect to.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback) =>
        IsPublic(address) || (allowLoopback && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    /// <summary>Globally routable unicast: not private, loopback, link-local, shared, documentation, multicast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // shared address space (carrier NAT)
                || (b[0] == 169 && b[1] == 254) // link-local, the cloud metadata service
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || b.Take(12).All(x => x == 0) // IPv4-compatible ::a.b.c.d
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation 2001:db8::/32
                || (b[0] == 0x20 && b[1] == 0x02) // 6to4: an IPv4 address inside
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)); // NAT64: an IPv4 address inside
        }

        return false;
    }

    /// <summary>
    /// The status client's connect step: resolves the host and connects only to addresses <see cref="IsAllowed"/>
    /// admits; when DNS answers none, the connection is refused with <see cref="StatusTargetRefusedException"/>.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct).ConfigureAwait(false);
        var allowed = addresses.Where(a => IsAllowed(a, allowLoopback)).ToArray();
        if (allowed.Length == 0)
        {
            throw new StatusTargetRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The status URL's host resolved to no address a status webhook may reach. Its message names no address.</summary>
public sealed class StatusTargetRefusedException() : Exception("The status URL resolves to no public address.");
