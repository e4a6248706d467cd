using Backoffice.Testing;
using Xunit;

namespace Backoffice.Finance.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
