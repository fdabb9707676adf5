{#- JavaScript run by lona/frontend.html before the client starts, with `lona_context`
    in scope (add hooks here: lona_context.add_connect_hook(...)); override it by name. -#}
