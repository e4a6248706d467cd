using Backoffice.Core.Finance;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>
/// An Excel workbook (DocumentFormat.OpenXml). The worksheet is written with the SAX-style <see cref="OpenXmlWriter"/>
/// into a temporary file, rows as they come, inline strings (no shared-string table to hold in memory); the package
/// around it (workbook, styles, relationships, content types) is built by the SDK at the end with a placeholder sheet,
/// and <see cref="DeterministicZip"/> copies it with the real sheet streamed in. The sheet does not go through
/// System.IO.Packaging because its zip entries buffer everything written to them in memory (dotnet/runtime#1544,
/// Open-XML-SDK#807): a 100,000-order sheet would cost its whole uncompressed size in heap. Relationship ids are fixed
/// and entries get fixed times, so the same rows give the same bytes.
/// </summary>
internal sealed class XlsxReport : IReportSink
{
    private const uint DefaultStyle = 0;
    private const uint MoneyStyle = 1;
    private const uint BoldStyle = 2;
    private const uint BoldMoneyStyle = 3;

    private readonly ReportHeading _heading;
    private readonly string _sheetPath = TempFiles.New("sheet.xml");
    private readonly FileStream _sheet;
    private readonly OpenXmlWriter _writer;
    private uint _row;
    private bool _completed;

    public XlsxReport(ReportHeading heading)
    {
        _heading = heading;
        _sheet = new FileStream(_sheetPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        _writer = OpenXmlWriter.Create(_sheet, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)); // no BOM, like the SDK's own parts
        _writer.WriteStartDocument(true);
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
        _sheet.Dispose();
        _completed = true;

        // The package without the sheet's rows is a few KiB: it is built in memory.
        using var package = new MemoryStream();
        string sheetEntry;
        using (var document = SpreadsheetDocument.Create(package, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdWorkbook");
            var styles = workbook.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = Styles(_heading.Currency);
            styles.Stylesheet.Save();
            var sheet = workbook.AddNewPart<WorksheetPart>("rIdSheet1");
            sheet.Worksheet = new Worksheet(new SheetData()); // replaced by the streamed sheet in the copy below
            sheet.Worksheet.Save();
            sheetEntry = sheet.Uri.OriginalString.TrimStart('/');
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rIdSheet1", SheetId = 1, Name = "Report" }));
            workbook.Workbook.Save();
        }

        package.Position = 0;
        DeterministicZip.Copy(package, output, new Dictionary<string, string>(StringComparer.Ordinal) { [sheetEntry] = _sheetPath });
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _writer.Dispose();
            _sheet.Dispose();
        }

        TempFiles.Delete(_sheetPath);
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
