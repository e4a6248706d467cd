using System.Text;
using System.Text.RegularExpressions;
using Lib = PhoneNumbers;

namespace Backoffice.Core.Customers;

/// <summary>What reading a phone number gave: the E.164 form, or why it is not a number.</summary>
public sealed record PhoneReading(string? E164, string? Problem)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Phone numbers as the customer base keys them: E.164. Read with libphonenumber (Google's metadata, compiled into
/// the library, so this stays pure): international input (<c>+</c> or <c>00</c>) stands on its own; national input
/// (<c>8 912 345-67-89</c>, <c>0171 1234567</c>, <c>(201) 555-0123</c>) is read in a region — the order's country,
/// else the merchant's region — so a customer who types the number either way is the same key.
/// </summary>
public static class Phones
{
    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    /// <summary>ISO 3166-1 alpha-2 codes libphonenumber knows how to dial in (e.g. RU, KZ, DE, US).</summary>
    public static bool IsRegion(string? region) => region is { Length: 2 } && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>The E.164 form, or null when the text is not a valid number (national input needs a region).</summary>
    public static string? Normalise(string? text, string? region = null) => Read(text, region).E164;

    /// <summary>
    /// The customer-base key of a phone an order already carries. Orders keep E.164; numbers accepted before
    /// libphonenumber checked them (the E.164 shape only) keep the key they were linked under, so their later statuses
    /// still find their customer.
    /// </summary>
    public static string? Key(string? stored) =>
        Normalise(stored) ?? (stored is { Length: >= 9 and <= 16 } && stored[0] == '+' && stored[1] != '0' && stored.Skip(1).All(char.IsAsciiDigit) ? stored : null);

    /// <summary>
    /// Reads what a storefront sent. <paramref name="region"/> is where a national number is dialled: the order's
    /// country when it has one, else the merchant's region; without one only international input is accepted.
    /// </summary>
    public static PhoneReading Read(string? text, string? region)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return new(null, "Not a phone number.");
        }

        var trimmed = text.Trim();
        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var dialledIn = IsRegion(region) ? region!.ToUpperInvariant() : null;
        if (!international && dialledIn is null)
        {
            return new(null, "Write the number internationally (+…), or set the merchant's region so a national number can be read.");
        }

        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            // libphonenumber reads 00 as an exit code only in regions that dial it; for us it always means "+".
            trimmed = "+" + trimmed[2..];
        }

        Lib.PhoneNumber number;
        try
        {
            number = Util.Parse(trimmed, dialledIn ?? "ZZ");
        }
        catch (Lib.NumberParseException)
        {
            return new(null, NotValid(international, dialledIn));
        }

        // An extension ("ext. 12") cannot be dialled by the call centre's automatic dialler, and keys would differ.
        return number.HasExtension || !Util.IsValidNumber(number)
            ? new(null, NotValid(international, dialledIn))
            : new(Util.Format(number, Lib.PhoneNumberFormat.E164), null);
    }

    /// <summary>
    /// A search prefix in E.164 digits: international input as typed ("+49 151" → "+49151"), national input read in
    /// <paramref name="region"/> ("8 912 345" in RU → "+7912345"). Digits alone with no region are taken as international.
    /// </summary>
    public static string? SearchPrefix(string? text, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Read(trimmed, region).E164 is { } whole)
        {
            return whole;
        }

        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var digits = Digits(trimmed.StartsWith('+') ? trimmed[1..] : trimmed.StartsWith("00", StringComparison.Ordinal) ? trimmed[2..] : trimmed);
        if (digits is null)
        {
            return null;
        }

        if (international || !IsRegion(region))
        {
            return digits.Length is >= 1 and <= 15 ? "+" + digits : null;
        }

        var metadata = Util.GetMetadataForRegion(region!.ToUpperInvariant());
        var national = StripTrunkPrefix(digits, metadata.NationalPrefixForParsing);
        var prefix = "+" + metadata.CountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + national;
        return national.Length > 0 && prefix.Length <= 16 ? prefix : null;
    }

    /// <summary>The trunk prefix a national number starts with (8 in RU and KZ, 0 in DE and UA, 8 0 in BY).</summary>
    private static string StripTrunkPrefix(string digits, string? prefixForParsing)
    {
        if (string.IsNullOrEmpty(prefixForParsing))
        {
            return digits;
        }

        var match = Regex.Match(digits, "^(?:" + prefixForParsing + ")", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        return match.Success && match.Groups.Count == 1 ? digits[match.Length..] : digits;
    }

    private static string? Digits(string text)
    {
        var digits = new StringBuilder(16);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return null;
            }
        }

        return digits.ToString();
    }

    private static string NotValid(bool international, string? region) => international || region is null
        ? "Not a valid phone number."
        : $"Not a valid phone number in {region}: write it as dialled there (national form) or internationally (+…).";
}
