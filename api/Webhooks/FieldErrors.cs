using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Backoffice.Core.Customers;

namespace Backoffice.Api.Webhooks;

/// <summary>Collects field-level errors keyed by JSON path, and the shared checks every format uses.</summary>
public sealed partial class FieldErrors
{
    public const long MaxAmount = Backoffice.Core.Orders.OrderLimits.MaxAmount; // 10^12 minor units: far above any real order, far below overflow.

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list))
        {
            _errors[path] = list = [];
        }

        list.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// One of an enum's values, as the wire spells them (camelCase, read without regard to case); null when absent. A value
    /// that names no member is a 422 listing the allowed ones, so the caller can correct it without reading the docs.
    /// The contracts keep these fields as strings (a console shows a value it does not know yet as text), so this, not
    /// the JSON reader, is where a request's enum is checked.
    /// </summary>
    public TEnum? Choice<TEnum>(string path, string? value)
        where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        foreach (var member in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Contracts.WireJson.Name(member), value, StringComparison.OrdinalIgnoreCase))
            {
                return member;
            }
        }

        Add(path, $"Not one of the allowed values: {string.Join(", ", Enum.GetValues<TEnum>().Select(m => Contracts.WireJson.Name(m)))}.");
        return null;
    }

    /// <summary>Required or optional text: trimmed, NFC-normalised, bounded, with no control or bidi-override characters.</summary>
    /// <param name="multiline">
    /// A note a person wrote (the customer's note, a call note): line breaks and tabs are kept, written as <c>\n</c>
    /// and <c>\t</c>; every other control character is still refused. Names, ids and one-line fields stay one line.
    /// </param>
    public string? Text(string path, string? value, int max, bool required = true, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(path, "Required.");
            }

            return null;
        }

        var text = value.Trim();
        if (multiline)
        {
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        // Checked before normalising: normalisation throws on an unpaired surrogate.
        if (HasForbiddenCharacters(multiline ? text.Replace('\n', ' ').Replace('\t', ' ') : text))
        {
            Add(path, "Contains control or direction-override characters.");
            return null;
        }

        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }

        if (text.Length > max)
        {
            Add(path, $"At most {max} characters.");
            return null;
        }

        return text;
    }

    /// <summary>Text that names a thing (SKU, external id): besides <see cref="Text"/>'s rules, no invisible formatting characters (zero-width joiners, soft hyphens), which would make two different ids look alike.</summary>
    public string? Identifier(string path, string? value, int max = 100, bool required = true)
    {
        var text = Text(path, value, max, required);
        if (text is not null && text.Any(c => char.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            Add(path, "Contains invisible formatting characters.");
            return null;
        }

        return text;
    }

    /// <summary>
    /// A phone as the customer typed it, stored in E.164. <paramref name="region"/> is where a national number is
    /// dialled (the order's country, else the merchant's region); international input needs none.
    /// </summary>
    public string? Phone(string path, string? value, string? region)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "Required: the call centre confirms every order by phone.");
            return null;
        }

        var reading = Phones.Read(value, region);
        if (!reading.IsValid)
        {
            Add(path, reading.Problem!);
        }

        return reading.E164;
    }

    /// <summary>The first of the order's countries that is a dialling region, else the merchant's region.</summary>
    public static string? PhoneRegion(string? merchantRegion, params string?[] orderCountries) =>
        orderCountries.FirstOrDefault(Phones.IsRegion) ?? merchantRegion;

    public string? Email(string path, string? value)
    {
        var text = Text(path, value, 254, required: false);
        if (text is not null && !EmailShape().IsMatch(text))
        {
            Add(path, "Not an e-mail address.");
            return null;
        }

        return text;
    }

    public string? Country(string path, string? value)
    {
        var text = Text(path, value, 2);
        if (text is not null && !(text.Length == 2 && text.All(char.IsAsciiLetter)))
        {
            Add(path, "Use the ISO 3166-1 alpha-2 code, e.g. DE.");
            return null;
        }

        return text?.ToUpperInvariant();
    }

    public long Amount(string path, long? value, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(path, "Required.");
            }

            return 0;
        }

        if (value < 0 || value > MaxAmount)
        {
            Add(path, $"Must be between 0 and {MaxAmount} minor units.");
            return 0;
        }

        return value.Value;
    }

    public int Quantity(string path, long? value)
    {
        if (value is null)
        {
            Add(path, "Required.");
            return 0;
        }

        if (value is < 1 or > 10_000)
        {
            Add(path, "Must be a whole number from 1 to 10000.");
            return 0;
        }

        return (int)value.Value;
    }

    /// <summary>
    /// The whole order's cap (docs/webhooks.md): lines × quantities + delivery fee at most
    /// <see cref="Backoffice.Core.Orders.OrderLimits.MaxOrderTotal"/>. Checked only once every part is valid, at the
    /// path of the lines array, so a storefront sees which part of its order to look at.
    /// </summary>
    public void OrderTotal(string linesPath, IEnumerable<Backoffice.Core.Orders.OrderLine> lines, long deliveryFee)
    {
        if (!Any && Backoffice.Core.Orders.OrderLimits.Total(lines, deliveryFee) is null)
        {
            Add(linesPath, $"The order total (each line's unit price × quantity, summed, plus the delivery fee) must not exceed {Backoffice.Core.Orders.OrderLimits.MaxOrderTotal} minor units.");
        }
    }

    /// <summary>Decimal text in major units (Shopify, WooCommerce) to minor units of the currency, exactly.</summary>
    public long MajorUnits(string path, string? value, string currency, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(path, "Required.");
            }

            return 0;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            Add(path, "Must be a non-negative decimal amount.");
            return 0;
        }

        var minor = major * Currencies.Factor(currency);
        if (minor != decimal.Truncate(minor))
        {
            Add(path, $"Has more decimals than {currency} allows.");
            return 0;
        }

        if (minor > MaxAmount)
        {
            Add(path, "Too large.");
            return 0;
        }

        return (long)minor;
    }

    /// <summary>Control characters, direction overrides and marks, the BOM, and surrogates that are not part of a pair.</summary>
    internal static bool HasForbiddenCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsForbidden(char c) =>
        char.IsControl(c) || c is '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069'
            or '\u200E' or '\u200F' or '\uFEFF';

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}

/// <summary>ISO 4217 minor-unit exponents for the currencies we accept.</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> Exponents = new(StringComparer.Ordinal)
    {
        ["EUR"] = 2, ["USD"] = 2, ["GBP"] = 2, ["RUB"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2,
        ["CHF"] = 2, ["TRY"] = 2, ["UAH"] = 2, ["KZT"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["BRL"] = 2, ["MXN"] = 2, ["INR"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["HUF"] = 2, ["KWD"] = 3, ["BHD"] = 3,
    };

    public static bool IsKnown(string? code) => code is not null && Exponents.ContainsKey(code);

    public static int Exponent(string code) => Exponents[code];

    public static decimal Factor(string code) => Exponents.TryGetValue(code, out var e) ? (decimal)Math.Pow(10, e) : 100m;
}
