// User-assigned managed identity used by the Function App for every connection
// (storage, Service Bus, Key Vault, Application Insights). A user-assigned identity
// exists before the app does, so its role assignments can be in place when the host starts.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
