using System.Security.Cryptography;
using System.Text;

namespace Backoffice.Core.Orders;

/// <summary>
/// An order's id is derived from (merchant, external order id), so every delivery of the same storefront order lands
/// on the same id: creating it twice is a key conflict in storage, and the Durable instance id is the same one.
/// </summary>
public static class OrderIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U.

    public static string For(string merchantId, string externalOrderId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(merchantId + "\n" + externalOrderId));
        var text = new StringBuilder("ORD-", 20);
        ulong bits = BitConverter.ToUInt64(hash, 0);
        for (var i = 0; i < 12; i++)
        {
            text.Append(Alphabet[(int)(bits & 31)]);
            bits >>= 5;
        }

        return text.ToString();
    }

    public static bool IsWellFormed(string? orderId) =>
        orderId is { Length: 16 } && orderId.StartsWith("ORD-", StringComparison.Ordinal) && orderId[4..].All(Alphabet.Contains);
}
