// Service Bus namespace (Standard: topics need Standard or Premium).
// Local (SAS key) authentication is disabled: senders and receivers use Entra ID.
//
// No queues: nothing triggers on Service Bus (webhook orders start their Durable orchestration directly), it carries
// the outbound topics only.
// order-status     topic  order state changes (subscription: merchant-webhooks; KPIs read the change feed table, not this topic)
// finance-reports  topic  finished finance reports (subscription: delivery)
// stock-changed    topic  stock level changes (subscription: merchant-webhooks)

@description('Service Bus namespace name (6-50 characters).')
@minLength(6)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the namespace.')
param tags object = {}

@description('Deliveries before a message is dead-lettered.')
@minValue(1)
param maxDeliveryCount int = 10

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource orderStatus 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'order-status'
  properties: {
    defaultMessageTimeToLive: 'P14D'
  }
}

resource orderStatusMerchantWebhooks 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: orderStatus
  name: 'merchant-webhooks'
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
  }
}

resource financeReports 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'finance-reports'
  properties: {
    defaultMessageTimeToLive: 'P14D'
  }
}

resource financeReportsDelivery 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: financeReports
  name: 'delivery'
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
  }
}

resource stockChanged 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'stock-changed'
  properties: {
    defaultMessageTimeToLive: 'P14D'
  }
}

resource stockChangedMerchantWebhooks 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: stockChanged
  name: 'merchant-webhooks'
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
  }
}

output name string = namespace.name
output id string = namespace.id
// serviceBusEndpoint is 'https://<name>.servicebus.windows.net:443/'; the SDK wants the bare host name.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
