// hooks, as Lona's documentation shows them (included into lona/frontend.html)
window.hooks = [];
lona_context.add_connect_hook((lona_context) => {
  window.hooks.push('connect');
});
lona_context.add_message_handler((lona_context, message) => {
  if (!message.startsWith('custom:')) {
    return message;
  }
  window.hooks.push(message);
});
