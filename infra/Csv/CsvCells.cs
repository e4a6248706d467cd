using System.Buffers;
using CsvHelper;

namespace Backoffice.Infra.Csv;

/// <summary>
/// The one escaping rule for every CSV the product writes (customer export, finance statements and invoices, KPI
/// reports), so a spreadsheet opens each cell as the text it is:
/// <list type="bullet">
/// <item>a text cell that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
/// apostrophe (<see cref="Defused"/>; OWASP's CSV injection advice);</item>
/// <item>a cell holding a character some spreadsheet treats as a separator — ; , tab, CR, LF — or a quote is quoted
/// (<see cref="NeedsQuotes"/>). RFC 4180 quotes only the file's own separator, but Excel in a German or Russian locale
/// splits at ';', so <c>Anna;=1+1;x</c> unquoted became three cells, the middle one a formula.</item>
/// </list>
/// </summary>
public static class CsvCells
{
    private static readonly SearchValues<char> Splitters = SearchValues.Create(";,\t\r\n\"");

    /// <summary>Writer options with the quoting rule; <paramref name="options"/> supplies the rest (culture, line ends).</summary>
    public static CsvWriterOptions Options(CsvWriterOptions? options = null)
    {
        // Defusing is done per text cell by Defused, not by the writer, so identifiers such as E.164 phones stay intact.
        return (options ?? new CsvWriterOptions()) with { Injection = CsvInjection.None, ShouldQuote = (field, _, _, _) => NeedsQuotes(field) };
    }

    /// <summary>Whether a cell must be quoted: it holds ; , tab, CR, LF or a quote, or is a defused formula (OWASP: quote those too).</summary>
    public static bool NeedsQuotes(ReadOnlySpan<char> field) =>
        field.ContainsAny(Splitters) || (field.Length > 1 && field[0] == '\'' && IsFormulaStart(field[1]));

    /// <summary>Text that cannot start a formula: a leading =, +, -, @, tab or CR is preceded by an apostrophe.</summary>
    public static string Defused(string? text) =>
        text is { Length: > 0 } && IsFormulaStart(text[0]) ? "'" + text : text ?? string.Empty;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';
}
