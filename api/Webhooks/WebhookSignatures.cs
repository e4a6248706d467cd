using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backoffice.Api.Webhooks;

/// <summary>Signature checks for the three webhook formats. Every comparison is constant-time.</summary>
public static class WebhookSignatures
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Standard Webhooks: <c>webhook-signature</c> holds space-separated <c>v1,&lt;base64 HMAC-SHA256("{id}.{timestamp}.{body}")&gt;</c>;
    /// secrets are <c>whsec_&lt;base64 key&gt;</c>; the timestamp must be within five minutes of now.
    /// </summary>
    public static string? VerifyStandard(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "The webhook-id, webhook-timestamp and webhook-signature headers are required.";
        }

        if (id.Length > 200 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "The webhook-timestamp header must be Unix seconds.";
        }

        if (seconds > 253402300799 || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalSeconds) > Tolerance.TotalSeconds)
        {
            return "The webhook-timestamp is outside the five-minute tolerance.";
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));

        var candidates = signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Select(s => TryBase64(s[3..]))
            .Where(b => b is { Length: 32 })
            .ToArray();
        foreach (var secret in secrets)
        {
            if (StandardKey(secret) is not { } key)
            {
                continue;
            }

            var expected = HMACSHA256.HashData(key, signed);
            if (candidates.Any(c => CryptographicOperations.FixedTimeEquals(c, expected)))
            {
                return null;
            }
        }

        return "No signature matches.";
    }

    /// <summary>Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body, keyed with the secret's text.</summary>
    public static string? VerifyBodyHmac(string? header, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, string headerName)
    {
        if (string.IsNullOrEmpty(header))
        {
            return $"The {headerName} header is required.";
        }

        if (TryBase64(header.Trim()) is not { Length: 32 } given)
        {
            return $"The {headerName} header is not a base64 HMAC-SHA256.";
        }

        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return null;
            }
        }

        return "No signature matches.";
    }

    /// <summary>Signs like a Standard Webhooks sender (used by tests, the load generator and outbound status messages).</summary>
    public static string SignStandard(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret)), signed));
    }

    public static string SignBody(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    private static byte[]? StandardKey(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) ? TryBase64(secret["whsec_".Length..]) : null;

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
