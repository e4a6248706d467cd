using Backoffice.Core.Finance;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// An Excel workbook (DocumentFormat.OpenXml) written with the SAX-style <see cref="OpenXmlWriter"/> into a temporary
/// package, rows as they come, inline strings (no shared-string table to hold in memory). Relationship ids are fixed and
/// the package is re-zipped with fixed entry times (<see cref="DeterministicZip"/>), so the same rows give the same bytes.
/// </summary>
internal sealed class XlsxReport : IReportSink
{
    private const uint DefaultStyle = 0;
    private const uint MoneyStyle = 1;
    private const uint BoldStyle = 2;
    private const uint BoldMoneyStyle = 3;

    private readonly ReportHeading _heading;
    private readonly string _path = TempFiles.New("xlsx");
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly OpenXmlWriter _writer;
    private uint _row;
    private bool _completed;

    public XlsxReport(ReportHeading heading)
    {
        _heading = heading;
        _document = SpreadsheetDocument.Create(_path, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
        var styles = _workbook.AddNewPart<WorkbookStylesPart>("rIdStyles");
        styles.Stylesheet = Styles(heading.Currency);
        styles.Stylesheet.Save();
        var sheet = _workbook.AddNewPart<WorksheetPart>("rIdSheet1");
        _writer = OpenXmlWriter.Create(sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new Columns());
        for (var i = 0; i < heading.Columns.Count; i++)
        {
            _writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(10, heading.Columns[i].Width + 2), CustomWidth = true });
        }

        _writer.WriteEndElement();
        _writer.WriteStartElement(new SheetData());
        WriteRow([heading.Title], BoldStyle);
        foreach (var (label, value) in heading.Facts)
        {
            WriteRow([label, value], DefaultStyle);
        }

        _row++; // a blank row before the table
        WriteRow(heading.Columns.Select(c => (object?)c.Title).ToArray(), BoldStyle);
    }

    public string Format => "xlsx";

    public void Row(ReportRowKind kind, IReadOnlyList<object?> cells)
    {
        var bold = kind == ReportRowKind.Total;
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        for (var i = 0; i < _heading.Columns.Count && i < cells.Count; i++)
        {
            if (cells[i] is null)
            {
                continue;
            }

            var column = _heading.Columns[i];
            var reference = Reference(i, _row);
            _writer.WriteElement(cells[i] switch
            {
                long minor when column.Kind == ReportValue.Money => new Cell
                {
                    CellReference = reference,
                    StyleIndex = bold ? BoldMoneyStyle : MoneyStyle,
                    CellValue = new CellValue(MoneyText.ToDecimal(minor, _heading.Currency)),
                },
                int count => new Cell { CellReference = reference, StyleIndex = bold ? BoldStyle : DefaultStyle, CellValue = new CellValue(count) },
                long number => new Cell { CellReference = reference, StyleIndex = bold ? BoldStyle : DefaultStyle, CellValue = new CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                var other => Text(reference, CellText.Of(other, column, _heading.Currency), bold ? BoldStyle : DefaultStyle),
            });
        }

        _writer.WriteEndElement();
    }

    public void Complete(Stream output)
    {
        _writer.WriteEndElement(); // sheetData
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rIdSheet1", SheetId = 1, Name = "Report" }));
        _workbook.Workbook.Save();
        _document.Dispose();
        _completed = true;
        using var package = File.OpenRead(_path);
        DeterministicZip.Copy(package, output);
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _writer.Dispose();
            _document.Dispose();
        }

        TempFiles.Delete(_path);
    }

    private void WriteRow(IReadOnlyList<object?> cells, uint style)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        for (var i = 0; i < cells.Count; i++)
        {
            _writer.WriteElement(Text(Reference(i, _row), cells[i]?.ToString() ?? string.Empty, style));
        }

        _writer.WriteEndElement();
    }

    private static Cell Text(string reference, string text, uint style) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static string Reference(int column, uint row) => $"{(char)('A' + column)}{row}";

    private static Stylesheet Styles(string currency)
    {
        // Built-in formats 3 ("#,##0") and 4 ("#,##0.00"); three-decimal currencies get a custom one.
        uint moneyFormat = MoneyText.Exponent(currency) switch { 0 => 3, 3 => 164, _ => 4 };
        var stylesheet = new Stylesheet();
        if (moneyFormat == 164)
        {
            stylesheet.Append(new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.000" }) { Count = 1 });
        }

        stylesheet.Append(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = moneyFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                new CellFormat { NumberFormatId = moneyFormat, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, ApplyFont = true }) { Count = 4 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        return stylesheet;
    }
}
