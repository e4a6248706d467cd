using Microsoft.AspNetCore.Components.QuickGrid;

namespace Backoffice.Web.Shared;

// QuickGrid's column components under names of their own: Fluent UI ships its own TemplateColumn and PropertyColumn
// (for FluentDataGrid), and with both libraries imported the short tags would be ambiguous.

/// <summary>A QuickGrid column rendered from a template.</summary>
public sealed class Cell<TGridItem> : TemplateColumn<TGridItem>;

/// <summary>A QuickGrid column showing one property, sortable.</summary>
public sealed class Field<TGridItem, TProp> : PropertyColumn<TGridItem, TProp>;
