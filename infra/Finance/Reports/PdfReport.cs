using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// A printable report (PdfPig's PdfDocumentBuilder): landscape A4, a monospaced table so columns align exactly, the
/// heading on page one and column titles on every page. PdfPig keeps pages in memory until it writes the file, so
/// order lines beyond <see cref="_lineLimit"/> are counted, not drawn (the CSV and XLSX carry every line); corrections
/// and totals are always drawn. No dates in the metadata, and the document id is a hash of the content, so the same
/// rows give the same bytes.
/// </summary>
internal sealed class PdfReport : IReportSink
{
    private const double FontSize = 7;
    private const double CharWidth = FontSize * 0.6; // Courier's advance width is 600/1000 em
    private const double LineHeight = 9.5;
    private const double Margin = 32;

    private readonly ReportHeading _heading;
    private readonly int _lineLimit;
    private readonly PdfDocumentBuilder _builder = new();
    private readonly PdfDocumentBuilder.AddedFont _mono;
    private readonly PdfDocumentBuilder.AddedFont _monoBold;
    private readonly PdfDocumentBuilder.AddedFont _title;
    private PdfPageBuilder _page = null!;
    private double _y;
    private int _pageNumber;
    private int _lines;
    private int _skipped;
    private bool _noted;

    public PdfReport(ReportHeading heading, int lineLimit)
    {
        _heading = heading;
        _lineLimit = lineLimit;
        _builder.DocumentInformation.Producer = "Fulfilment back-office";
        _builder.DocumentInformation.Title = CellText.Ascii(heading.Title);
        _mono = _builder.AddStandard14Font(Standard14Font.Courier);
        _monoBold = _builder.AddStandard14Font(Standard14Font.CourierBold);
        _title = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
        NewPage();
        _page.AddText(CellText.Ascii(heading.Title), 13, new PdfPoint(Margin, _y), _title);
        _y -= 18;
        foreach (var (label, value) in heading.Facts)
        {
            Write($"{label,-22} {value}", _mono);
        }

        _y -= LineHeight;
        ColumnTitles();
    }

    public string Format => "pdf";

    public void Row(ReportRowKind kind, IReadOnlyList<object?> cells)
    {
        if (kind == ReportRowKind.Line && ++_lines > _lineLimit)
        {
            _skipped++;
            return;
        }

        if (kind != ReportRowKind.Line)
        {
            NoteSkipped();
        }

        var text = new StringBuilder();
        for (var i = 0; i < _heading.Columns.Count; i++)
        {
            var column = _heading.Columns[i];
            var width = Width(column);
            var value = CellText.Ascii(CellText.Of(i < cells.Count ? cells[i] : null, column, _heading.Currency));
            if (value.Length > width)
            {
                value = value[..(width - 1)] + "~";
            }

            text.Append(column.Kind == ReportValue.Text ? value.PadRight(width) : value.PadLeft(width)).Append(' ');
        }

        if (kind == ReportRowKind.Total)
        {
            _y -= LineHeight / 2;
        }

        Write(text.ToString().TrimEnd(), kind == ReportRowKind.Total ? _monoBold : _mono);
    }

    public void Complete(Stream output)
    {
        NoteSkipped();
        var bytes = _builder.Build();
        StampContentId(bytes);
        output.Write(bytes);
    }

    public void Dispose() => _builder.Dispose();

    private void NoteSkipped()
    {
        if (_skipped > 0 && !_noted)
        {
            _noted = true;
            Write(string.Create(CultureInfo.InvariantCulture, $"... {_skipped} more order lines: every line is in the CSV and XLSX files of this report."), _monoBold);
        }
    }

    private void Write(string text, PdfDocumentBuilder.AddedFont font)
    {
        if (_y < Margin + LineHeight)
        {
            NewPage();
            ColumnTitles();
        }

        // Every drawn string goes through the ASCII fold: the standard fonts throw on characters they lack, and a
        // merchant's name (Cyrillic, say) or a heading fact must never fail a weekly run.
        _page.AddText(CellText.Ascii(text), FontSize, new PdfPoint(Margin, _y), font);
        _y -= LineHeight;
    }

    private void ColumnTitles()
    {
        var titles = string.Join(' ', _heading.Columns.Select(c =>
        {
            return c.Kind == ReportValue.Text ? c.Title.PadRight(Width(c)) : c.Title.PadLeft(Width(c));
        }));
        Write(titles.TrimEnd(), _monoBold);
        Write(new string('-', Math.Min(titles.Length, (int)((_page.PageSize.Width - (2 * Margin)) / CharWidth))), _mono);
    }

    /// <summary>A column is never narrower than its title: titles are never cut ("Delivered val").</summary>
    private static int Width(ReportColumn column) => Math.Max(column.Width, column.Title.Length);

    private void NewPage()
    {
        _page = _builder.AddPage(PageSize.A4, isPortrait: false);
        _pageNumber++;
        _page.AddText(string.Create(CultureInfo.InvariantCulture, $"Page {_pageNumber}"), FontSize, new PdfPoint(_page.PageSize.Width - Margin - 40, Margin / 2), _mono);
        _y = _page.PageSize.Height - Margin;
    }

    /// <summary>PdfPig writes a random /ID; the spec asks for one computed from the content, which also makes the bytes repeatable.</summary>
    private static void StampContentId(byte[] pdf)
    {
        var marker = Encoding.ASCII.GetBytes("/ID [ <");
        var at = pdf.AsSpan().LastIndexOf(marker);
        if (at < 0)
        {
            return;
        }

        var first = at + marker.Length;
        var second = first + 34; // 32 hex digits, then "><"
        pdf.AsSpan(first, 32).Fill((byte)'0');
        pdf.AsSpan(second, 32).Fill((byte)'0');
        var id = Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(pdf), 0, 16));
        id.CopyTo(pdf, first);
        id.CopyTo(pdf, second);
    }
}
