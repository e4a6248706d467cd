using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Backoffice.Infra.Status;

/// <summary>
/// Signs outbound webhooks per Standard Webhooks: <c>v1,</c> + base64 HMAC-SHA256 of <c>"{id}.{timestamp}.{body}"</c>, keyed
/// with the base64 key of a <c>whsec_</c> secret. (The API verifies inbound ones with the same scheme; a test checks that
/// its verifier accepts what this signs.)
/// </summary>
public static class StandardWebhookSigner
{
    private const string SecretPrefix = "whsec_";

    public static bool IsUsableSecret(string? secret) => secret is not null && Key(secret) is { Length: > 0 };

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = Key(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    private static byte[]? Key(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var text = secret[SecretPrefix.Length..];
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
