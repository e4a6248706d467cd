// The console reads and sends the API's own records (contracts/, shared with api/): every page speaks them, so their
// namespaces are in scope everywhere. Roles (Backoffice.Contracts.Auth) are not: the console's Session.Roles adds what
// each role may open, over the contract's names.
global using Backoffice.Contracts;
global using Backoffice.Contracts.Customers;
global using Backoffice.Contracts.Finance;
global using Backoffice.Contracts.Kpi;
global using Backoffice.Contracts.Merchants;
global using Backoffice.Contracts.Orders;
global using Backoffice.Contracts.Status;
