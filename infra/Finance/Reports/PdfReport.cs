using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// A printable report (PDFsharp): landscape A4, a monospaced table so columns align exactly, the heading on page one and
/// column titles on every page, in DejaVu Sans Mono embedded as a subset (<see cref="PdfFonts"/>), so Cyrillic and
/// « » № — print as written. PDFsharp keeps pages in memory until it writes the file, so order lines beyond
/// <see cref="_lineLimit"/> are counted, not drawn (the CSV and XLSX carry every line); corrections and totals are always
/// drawn. No dates in the metadata, and the document id is a hash of the content (<see cref="RepeatablePdf"/>), so the
/// same rows give the same bytes.
/// </summary>
internal sealed class PdfReport : IReportSink
{
    private const double FontSize = 7;
    private const double TitleSize = 13;
    private const double LineHeight = 9.5;
    private const double Margin = 32;

    private readonly ReportHeading _heading;
    private readonly int _lineLimit;
    private readonly PdfDocument _document = new();
    private readonly XFont _mono = PdfFace.Regular.Font(FontSize);
    private readonly XFont _monoBold = PdfFace.Bold.Font(FontSize);
    private readonly XFont _title = PdfFace.Bold.Font(TitleSize);
    private readonly SortedSet<char> _regularParts = [];
    private readonly SortedSet<char> _boldParts = [];
    private readonly int _lineChars;
    private PdfPage _page = null!;
    private XGraphics? _graphics;
    private double _y;
    private int _pageNumber;
    private int _lines;
    private int _skipped;
    private bool _noted;

    public PdfReport(ReportHeading heading, int lineLimit)
    {
        _heading = heading;
        _lineLimit = lineLimit;
        var title = PdfFonts.Printable(heading.Title);
        _document.Info.Title = title;
        _document.Info.Creator = "Fulfilment back-office";
        _document.Info.Elements.Remove("/CreationDate"); // PDFsharp stamps the time the document object was created
        NewPage();

        // Every character of the face has the same advance, so a column is a count of characters.
        var charWidth = Graphics.MeasureString("0", _mono).Width;
        _lineChars = (int)((_page.Width.Point - (2 * Margin)) / charWidth);
        Draw(Fit(title, (int)(_lineChars * FontSize / TitleSize)), _title, Margin, _y);
        _y += 18;
        foreach (var (label, value) in heading.Facts)
        {
            Write($"{PdfFonts.Printable(label),-22} {PdfFonts.Printable(value)}", _mono);
        }

        _y += LineHeight;
        ColumnTitles();
    }

    public string Format => "pdf";

    private XGraphics Graphics => _graphics ?? throw new InvalidOperationException("The PDF report is complete.");

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
            var value = Fit(PdfFonts.Printable(CellText.Of(i < cells.Count ? cells[i] : null, column, _heading.Currency)), width);
            text.Append(column.Kind == ReportValue.Text ? value.PadRight(width) : value.PadLeft(width)).Append(' ');
        }

        if (kind == ReportRowKind.Total)
        {
            _y += LineHeight / 2;
        }

        Write(text.ToString().TrimEnd(), kind == ReportRowKind.Total ? _monoBold : _mono);
    }

    public void Complete(Stream output)
    {
        NoteSkipped();
        EndPage();
        AddParts(_mono, _regularParts);
        AddParts(_monoBold, _boldParts);
        using var buffer = new MemoryStream();
        _document.Save(buffer);
        var bytes = buffer.ToArray();
        RepeatablePdf.Stamp(bytes);
        output.Write(bytes);
    }

    public void Dispose()
    {
        EndPage();
        _document.Dispose();
    }

    private void NoteSkipped()
    {
        if (_skipped > 0 && !_noted)
        {
            _noted = true;
            Write(string.Create(CultureInfo.InvariantCulture, $"... {_skipped} more order lines: every line is in the CSV and XLSX files of this report."), _monoBold);
        }
    }

    /// <summary>Draws one line of already printable text (<see cref="PdfFonts.Printable"/>), cut to the page width.</summary>
    private void Write(string text, XFont font)
    {
        if (_y > _page.Height.Point - Margin - LineHeight)
        {
            NewPage();
            ColumnTitles();
        }

        Draw(Fit(text, _lineChars), font, Margin, _y);
        _y += LineHeight;
    }

    private void ColumnTitles()
    {
        var titles = string.Join(' ', _heading.Columns.Select(c =>
        {
            return c.Kind == ReportValue.Text ? c.Title.PadRight(Width(c)) : c.Title.PadLeft(Width(c));
        }));
        Write(titles.TrimEnd(), _monoBold);
        Write(new string('-', Math.Min(titles.Length, _lineChars)), _mono);
    }

    /// <summary>A column is never narrower than its title: titles are never cut ("Delivered val").</summary>
    private static int Width(ReportColumn column) => Math.Max(column.Width, column.Title.Length);

    /// <summary>Text longer than its room is cut, and the cut shows ("~").</summary>
    private static string Fit(string text, int width) => text.Length > width ? text[..(width - 1)] + "~" : text;

    /// <summary>A new page; <see cref="_y"/> is the next baseline, from the top of the page.</summary>
    private void NewPage()
    {
        EndPage();
        _page = _document.AddPage();
        _page.Size = PageSize.A4;
        _page.Orientation = PageOrientation.Landscape;
        _graphics = XGraphics.FromPdfPage(_page);
        _pageNumber++;
        Draw(string.Create(CultureInfo.InvariantCulture, $"Page {_pageNumber}"), _mono, _page.Width.Point - Margin - 40, _page.Height.Point - (Margin / 2));
        _y = Margin;
    }

    /// <summary>Draws text at a baseline, noting which glyphs its glyphs are built from (<see cref="PdfFace"/>).</summary>
    private void Draw(string text, XFont font, double x, double baseline)
    {
        if (ReferenceEquals(font, _mono))
        {
            PdfFace.Regular.Parts(text, _regularParts);
        }
        else
        {
            PdfFace.Bold.Parts(text, _boldParts);
        }

        Graphics.DrawString(text, font, XBrushes.Black, x, baseline);
    }

    /// <summary>Makes the subset of <paramref name="font"/> carry the glyphs of <paramref name="parts"/> and so their components.</summary>
    private void AddParts(XFont font, SortedSet<char> parts)
    {
        if (parts.Count > 0)
        {
            _document.AddCharacters(font, string.Concat(parts));
        }
    }

    /// <summary>A page's content is written when its graphics are disposed.</summary>
    private void EndPage()
    {
        _graphics?.Dispose();
        _graphics = null;
    }
}
