using System.Security.Cryptography;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Customer ids are random, not derived from the phone: a hash of a phone number can be reversed by trying every
/// number, and after erasure nothing left behind may lead back to the person.
/// </summary>
public static class CustomerIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => "CUS-" + RandomNumberGenerator.GetString(Alphabet, 12);

    public static bool IsWellFormed(string? id) => id is { Length: 16 } && id.StartsWith("CUS-", StringComparison.Ordinal) && id[4..].All(Alphabet.Contains);
}
