using Backoffice.Testing;
using Xunit;

namespace Backoffice.Status.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteDefinition : ICollectionFixture<AzuriteFixture>;
